import { generateRegistry } from '@zjmade/sample-data';
import { pickEnterprise, forgottenStore } from './build-rows.js';
const d = generateRegistry();
console.log(pickEnterprise(d), forgottenStore(d).key);

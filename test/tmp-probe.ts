import { generateRegistry, pickExamples } from '@zjmade/sample-data';
for (const scale of [0.1, 1]) {
  const t = performance.now();
  const d = generateRegistry({ scale });
  const t2 = performance.now();
  const ex = pickExamples(d);
  console.log(scale, Math.round(t2 - t), Math.round(performance.now() - t2), d.bindings.length, Object.fromEntries(Object.entries(ex.byStatus).map(([k, v]) => [k, v.length])), ex.unbackedClaims.length);
  if (scale === 0.1) console.log(JSON.stringify(ex.byStatus.verified[0]), JSON.stringify(ex.unbackedClaims[0]), Object.entries(ex.platforms).map(([k,v])=>k+':'+v.length+':'+v[0]?.url).join('\n'));
}

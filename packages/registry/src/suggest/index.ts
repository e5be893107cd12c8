export { NOISE_WORDS, normalise } from './normalise.js';
export { enterpriseIndexOf } from './enterprise-index.js';
export { buildEnterpriseIndex, type EnterpriseIndex, type ScopeContext } from './scope-index.js';
export { type Candidate, DEFAULT_THRESHOLD, type SuggestOptions, type Suggestion, suggestEvaluation } from './suggest.js';
export { modelStem, type Tokens, tokensOf } from './tokens.js';

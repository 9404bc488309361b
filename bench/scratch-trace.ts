import { createBenchApp } from './support/bench-app.js';
import { sampleCatalogPath } from './support/catalogs.js';
import { startScriptedOpenAIServer } from './support/scripted-openai-server.js';
import { catalogVocabulary } from './support/vocabulary.js';
const server = await startScriptedOpenAIServer({ delayMs: 0, vocabulary: await catalogVocabulary(sampleCatalogPath()) });
const app = await createBenchApp({ workDir: '/tmp', catalog: sampleCatalogPath(), baseUrl: server.url, db: ':memory:' });
const id = app.store.newConversationId();
for (const m of ['Quiero visitar la sede Explanada en Puebla este domingo', 'El Versa 2020, me llamo Rosa']) {
  const r = await app.pipeline.runTurn({ message: m, conversationId: id });
  console.log(JSON.stringify(r.intents.map(i => i.type)), r.trace.spans.map(s => s.type === 'agent' ? `agent:${s.agent}/${s.intent}` : s.type === 'model_call' ? `call:${s.task}` : `tool:${s.tool}`));
}
const off = await createBenchApp({ workDir: '/tmp', catalog: sampleCatalogPath(), db: ':memory:' });
const id2 = off.store.newConversationId();
for (const m of ['Quiero visitar la sede Explanada en Puebla este domingo', 'El Versa 2020, me llamo Rosa']) {
  const r = await off.pipeline.runTurn({ message: m, conversationId: id2 });
  console.log('offline', JSON.stringify(r.intents.map(i => i.type)), r.trace.spans.map(s => s.type === 'agent' ? `agent:${s.agent}/${s.intent}` : s.type === 'model_call' ? `call:${s.task}` : `tool:${s.tool}`));
}
await server.close(); app.close(); off.close();

import { spawnScriptedOpenAIServer } from './support/scripted-openai-process.js';
import { sampleCatalogPath } from './support/catalogs.js';
import { percentile } from './harness/stats.js';
import { readFileSync } from 'node:fs';
const server = await spawnScriptedOpenAIServer({ delayMs: 200, catalog: sampleCatalogPath() });
const system = readFileSync('prompts/intents.md','utf8');
const body = (m: string) => JSON.stringify({ model: 'x', messages: [{ role: 'system', content: system.replace('{{profile}}', '{}').replace('{{history}}','(sin historial)') }, { role: 'user', content: m }], response_format: { type: 'json_schema', json_schema: { name: process.argv[2] ?? 'intents', schema: {} } } });
const lat: number[] = [];
async function worker() { for (let i = 0; i < 10; i++) { const t = performance.now(); await fetch(server.url + '/chat/completions', { method: 'POST', body: body('Busco un Versa 2020 con menos de 60 mil km y quiero saber la mensualidad'), headers: { 'content-type': 'application/json' } }).then(r => r.text()); lat.push(performance.now() - t); } }
const t0 = performance.now();
await Promise.all(Array.from({ length: 64 }, worker));
console.log('wall', performance.now() - t0, 'p50', percentile(lat, 50), 'p95', percentile(lat, 95));
await server.close();

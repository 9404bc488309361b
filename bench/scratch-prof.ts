import { createBenchApp } from './support/bench-app.js';
import { sampleCatalogPath } from './support/catalogs.js';
import { loadGoldenCases } from './support/golden-turns.js';
import { profileHotFunctions } from './support/cpu-profile.js';
import { createOfflineRuntime } from '../src/runtime/offline/offline-runtime.js';
import { percentile } from './harness/stats.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'kb-'));
const db = process.argv[2] ?? 'x.db';
const app = await createBenchApp({ workDir: dir, catalog: process.argv[3] ?? sampleCatalogPath(), db });
const { catalog } = app.pipeline.deps.tools;
const vocabulary = { makes: catalog.makes(), models: catalog.cars.map((c) => ({ make: c.make, model: c.model })) };
const pipeline = app.pipeline.withRuntime(createOfflineRuntime({ vocabulary: () => vocabulary }));
const cases = await loadGoldenCases();
const lat: number[] = []; const byMsg: [number,string][] = [];
async function pass(rec: boolean) {
  for (const c of cases) { const id = app.store.newConversationId();
    for (const t of c.turns) { const t0 = performance.now(); const r = await pipeline.runTurn({ message: t.user, conversationId: id }); const ms = performance.now()-t0; if (rec) { lat.push(ms); byMsg.push([ms, t.user + ' | ' + r.intents.map(i=>i.type).join(',')]); } } }
}
await pass(false); await pass(true); await pass(true);
console.log('p50', percentile(lat,50), 'p95', percentile(lat,95));
byMsg.sort((a,b)=>b[0]-a[0]); console.log(byMsg.slice(0,12));
const hot = await profileHotFunctions(() => pass(false), 25);
console.log(hot.self.map(h=>`${h.selfPercent}% ${h.name}`).join('\n'));
console.log('---'); console.log(hot.total.map(h=>`${h.totalPercent}% ${h.name}`).join('\n'));

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  completionReply,
  errorReply,
  startFakeOpenAIServer,
  type FakeOpenAIServer,
} from '../../../test/helpers/fake-openai-server.js';
import {
  createConversation,
  intent,
  loadTools,
  paramsFor,
  type TestTurn,
  type Tools,
} from '../../../test/eval/scorers/fixtures.js';
import { DEFAULT_PRICES } from '../../app/config/schema.js';
import { createOfflineRuntime } from '../../runtime/offline/offline-runtime.js';
import { createOpenAIRuntime } from '../../runtime/openai/index.js';
import { scoreTurn } from '../scorers/score-turn.js';
import { createJudgeScorer } from './create-judge-scorer.js';
import { loadRubrics } from './rubric.js';

let server: FakeOpenAIServer;
let tools: Tools;
let turn: TestTurn;
let close: () => void;
const rubrics = loadRubrics();

beforeAll(async () => {
  server = await startFakeOpenAIServer();
  tools = await loadTools();
  const conversation = createConversation(tools);
  close = conversation.close;
  turn = await conversation.say('Hola, busco un Corolla', [
    intent('greeting'),
    intent('car_recommendation', { make: 'Toyota', model: 'Corolla' }),
  ]);
});
afterAll(async () => {
  close();
  await server.close();
});
beforeEach(() => server.reset());

function verdict(pass: boolean, score: number, reasoning = 'Cada cifra coincide con el catálogo.') {
  return completionReply({ content: JSON.stringify({ reasoning, pass, score }), model: 'judge-model' });
}

function judgeWith(samples: number) {
  const runtime = createOpenAIRuntime({ baseURL: server.url, model: 'judge-model', maxRetries: 0 });
  const prices = {
    ...DEFAULT_PRICES,
    'judge-model': { inputPerMillion: 1_000_000, outputPerMillion: 2_000_000 },
  };
  return createJudgeScorer({ runtime, rubrics, samples, prices });
}

const judged = (expectations: Parameters<typeof scoreTurn>[0]['expect']['judges']) =>
  paramsFor(turn, tools, { judges: expectations, whatsapp: false });

describe('judge through the openai runtime', () => {
  it("sends the rubric, the tools' facts, the conversation and the reply; parses the structured verdict", async () => {
    server.queue(verdict(true, 0.9));
    const scorer = judgeWith(1);
    const { scores, usage } = await scorer.scoreTurn(judged(['grounded']), ['grounded']);
    expect(scores).toEqual([
      {
        scorer: 'judge:grounded',
        pass: true,
        score: 0.9,
        reason: 'pass — Cada cifra coincide con el catálogo.',
        agreement: 1,
        uncertain: false,
      },
    ]);
    expect(usage).toEqual({ calls: 1, cachedCalls: 0, inputTokens: 11, outputTokens: 7, costUsd: 11 + 14 });

    const body = server.requests[0]!.body as {
      model: string;
      temperature: number;
      max_tokens: number;
      messages: { content: string }[];
      response_format: { type: string; json_schema: { name: string } };
    };
    expect(body.model).toBe('judge-model');
    expect(body.temperature).toBe(0);
    expect(body.max_tokens).toBe(700); // prompts/judge.md's budget
    expect(body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'verdict' } });
    const [system, user] = body.messages.map((m) => m.content);
    expect(system).toContain('FUNDAMENTADA');
    expect(system).toContain('catalog.search');
    expect(system).toContain('305016');
    expect(user).toContain('Hola, busco un Corolla');
    expect(user).toContain(turn.reply);
  });

  it("fails a pass verdict whose score is under the threshold (the turn's threshold wins)", async () => {
    server.queue(verdict(true, 0.75), verdict(true, 0.75));
    const scorer = judgeWith(1);
    const rubricThreshold = await scorer.scoreTurn(judged(['grounded']), ['grounded']);
    expect(rubricThreshold.scores[0]).toMatchObject({ pass: false, score: 0.75 });
    const turnThreshold = await scorer.scoreTurn(judged(['grounded']), [
      { name: 'grounded', threshold: 0.7 },
    ]);
    expect(turnThreshold.scores[0]).toMatchObject({ pass: true });
  });

  it('a malformed verdict is an error, never a pass', async () => {
    server.queue(
      completionReply({ content: 'Sí, la respuesta está bien. PASS' }),
      completionReply({ content: '{"pass": true}' }),
    );
    const scorer = judgeWith(1);
    const notJson = await scorer.scoreTurn(judged(['tone']), ['tone']);
    expect(notJson.scores[0]).toMatchObject({ scorer: 'judge:tone', pass: false, score: 0 });
    expect(notJson.scores[0]!.reason).toMatch(/^error: malformed verdict: not JSON/);
    const missingFields = await scorer.scoreTurn(judged(['tone']), ['tone']);
    expect(missingFields.scores[0]).toMatchObject({ pass: false });
    expect(missingFields.scores[0]!.reason).toMatch(/^error: malformed verdict: reasoning/);
  });

  it('takes the majority of 3 samples: 2 pass, 1 fail → pass with agreement 0.67', async () => {
    server.queue(verdict(true, 0.9), verdict(false, 0.3, 'Inventa un precio.'), verdict(true, 0.8));
    const { scores, usage } = await judgeWith(3).scoreTurn(judged(['safety']), ['safety']);
    expect(scores[0]).toMatchObject({ pass: true, uncertain: false });
    expect(scores[0]!.agreement).toBeCloseTo(2 / 3);
    expect(scores[0]!.score).toBeCloseTo((0.9 + 0.3 + 0.8) / 3);
    expect(scores[0]!.reason).toContain('2/3 samples pass');
    expect(usage.calls).toBe(3);
    expect(server.requests).toHaveLength(3);
  });

  it('a 1/1 split of 2 samples fails and is uncertain', async () => {
    server.queue(verdict(true, 0.9), verdict(false, 0.2));
    const { scores } = await judgeWith(2).scoreTurn(judged(['tone']), ['tone']);
    expect(scores[0]).toMatchObject({ pass: false, agreement: 0.5, uncertain: true });
    expect(scores[0]!.reason).toContain('1/2 samples pass, split: uncertain');
  });

  it('a malformed sample votes fail', async () => {
    server.queue(verdict(true, 0.9), completionReply({ content: 'no sé' }), verdict(false, 0.1));
    const { scores } = await judgeWith(3).scoreTurn(judged(['tone']), ['tone']);
    expect(scores[0]).toMatchObject({ pass: false, uncertain: false });
    expect(scores[0]!.reason).toContain('1 sample(s) without a valid verdict');
  });

  it('is an error, not a verdict, when most samples gave none', async () => {
    server.queue(verdict(true, 0.9), completionReply({ content: 'no sé' }), errorReply(400, 'bad request'));
    const { scores } = await judgeWith(3).scoreTurn(judged(['tone']), ['tone']);
    expect(scores[0]).toMatchObject({ pass: false, error: true });
    expect(scores[0]!.reason).toMatch(/^error: only 1 of 3 samples gave a valid verdict \(malformed verdict/);
  });

  it('scoreTurn adds the judge scores and their usage to the turn', async () => {
    server.queue(verdict(true, 1), verdict(false, 0.2));
    const result = await scoreTurn(judged(['grounded', 'tone']), { judge: judgeWith(1) });
    expect(result.scores.map((s) => [s.scorer, s.pass])).toEqual([
      ['judge:grounded', true],
      ['judge:tone', false],
    ]);
    expect(result.pass).toBe(false);
    expect(result.judgeUsage.calls).toBe(2);
  });
});

describe('judge edge cases', () => {
  it('is skipped on the offline runtime: shown, never passed', async () => {
    const scorer = createJudgeScorer({
      runtime: createOfflineRuntime(),
      rubrics,
      samples: 3,
      prices: DEFAULT_PRICES,
    });
    const { scores, usage } = await scorer.scoreTurn(judged(['tone']), ['tone']);
    expect(scores).toEqual([
      {
        scorer: 'judge:tone',
        pass: false,
        score: 0,
        reason: 'no judge model (offline runtime)',
        skipped: true,
      },
    ]);
    expect(usage.calls).toBe(0);
    const result = await scoreTurn(judged(['tone']), { judge: scorer });
    expect(result).toMatchObject({ pass: true, score: 1 });
  });

  it('an unknown rubric is an error result', async () => {
    const { scores } = await judgeWith(1).scoreTurn(judged(['tono']), ['tono']);
    expect(scores[0]).toMatchObject({ scorer: 'judge:tono', pass: false });
    expect(scores[0]!.reason).toContain('unknown rubric "tono"');
    expect(server.requests).toHaveLength(0);
  });

  it("reports each rubric's hash, model and runtime", () => {
    const scorer = judgeWith(1);
    expect(scorer.rubricInfo().find((r) => r.name === 'tone')).toMatchObject({
      model: 'judge-model',
      runtime: 'openai',
    });
  });
});

describe('judge cost', () => {
  it('is priced by the configured judge model, not the name the server answers with; unpriced is null', async () => {
    server.queue(
      completionReply({
        content: JSON.stringify({ reasoning: 'ok', pass: true, score: 1 }),
        model: 'srv/judge',
      }),
    );
    expect((await judgeWith(1).scoreTurn(judged(['grounded']), ['grounded'])).usage.costUsd).toBe(11 + 14);

    server.queue(verdict(true, 1));
    const runtime = createOpenAIRuntime({ baseURL: server.url, model: 'unpriced-judge', maxRetries: 0 });
    const scorer = createJudgeScorer({ runtime, rubrics, samples: 1, prices: DEFAULT_PRICES });
    expect((await scorer.scoreTurn(judged(['grounded']), ['grounded'])).usage.costUsd).toBeNull();
  });
});

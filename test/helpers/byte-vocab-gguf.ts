import { writeFileSync } from 'node:fs';

/**
 * A GGUF file with a vocabulary and no weights: enough for llama.cpp to load `vocabOnly` and run
 * its grammar sampler, which needs a model only for its token pieces. Tokens 0-2 are <unk>, <s>,
 * </s>; token 3 + b is the raw byte b, so any UTF-8 text is a token sequence without a tokenizer.
 */
export const EOS_TOKEN = 2;
export const tokenForByte = (byte: number): number => byte + 3;

const GGUF_TYPE = { uint32: 4, int32: 5, float32: 6, string: 8, array: 9 } as const;
const TOKEN_TYPE = { unknown: 2, control: 3, byte: 6 } as const;

type Value =
  | { uint32: number }
  | { float32: number }
  | { string: string }
  | { strings: string[] }
  | { int32s: number[] }
  | { float32s: number[] };

export function writeByteVocabGguf(path: string): void {
  const tokens = ['<unk>', '<s>', '</s>'];
  const types: number[] = [TOKEN_TYPE.unknown, TOKEN_TYPE.control, TOKEN_TYPE.control];
  for (let byte = 0; byte < 256; byte++) {
    tokens.push(`<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`);
    types.push(TOKEN_TYPE.byte);
  }
  // The llama architecture's required hyperparameters; no tensor is ever read in vocabOnly mode.
  const metadata: Record<string, Value> = {
    'general.architecture': { string: 'llama' },
    'general.name': { string: 'byte-vocab' },
    'llama.context_length': { uint32: 64 },
    'llama.embedding_length': { uint32: 8 },
    'llama.block_count': { uint32: 1 },
    'llama.feed_forward_length': { uint32: 16 },
    'llama.attention.head_count': { uint32: 1 },
    'llama.attention.head_count_kv': { uint32: 1 },
    'llama.attention.layer_norm_rms_epsilon': { float32: 1e-5 },
    'llama.rope.dimension_count': { uint32: 8 },
    'tokenizer.ggml.model': { string: 'llama' },
    'tokenizer.ggml.tokens': { strings: tokens },
    'tokenizer.ggml.scores': { float32s: tokens.map(() => 0) },
    'tokenizer.ggml.token_type': { int32s: types },
    'tokenizer.ggml.bos_token_id': { uint32: 1 },
    'tokenizer.ggml.eos_token_id': { uint32: EOS_TOKEN },
    'tokenizer.ggml.unknown_token_id': { uint32: 0 },
  };
  const entries = Object.entries(metadata);
  // GGUF v3: magic, version, tensor count, metadata count, then the key/value pairs.
  const parts = [Buffer.from('GGUF'), uint32(3), uint64(0), uint64(entries.length)];
  for (const [key, value] of entries) parts.push(string(key), encode(value));
  const body = Buffer.concat(parts);
  writeFileSync(path, Buffer.concat([body, Buffer.alloc((32 - (body.length % 32)) % 32)]));
}

function encode(value: Value): Buffer {
  if ('uint32' in value) return Buffer.concat([uint32(GGUF_TYPE.uint32), uint32(value.uint32)]);
  if ('float32' in value) return Buffer.concat([uint32(GGUF_TYPE.float32), float32(value.float32)]);
  if ('string' in value) return Buffer.concat([uint32(GGUF_TYPE.string), string(value.string)]);
  if ('strings' in value) return array(GGUF_TYPE.string, value.strings.map(string));
  if ('int32s' in value) return array(GGUF_TYPE.int32, value.int32s.map(int32));
  return array(GGUF_TYPE.float32, value.float32s.map(float32));
}

function array(elementType: number, elements: Buffer[]): Buffer {
  return Buffer.concat([uint32(GGUF_TYPE.array), uint32(elementType), uint64(elements.length), ...elements]);
}
function string(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([uint64(bytes.length), bytes]);
}
const uint32 = (n: number) => fixed(4, (b) => b.writeUInt32LE(n));
const int32 = (n: number) => fixed(4, (b) => b.writeInt32LE(n));
const float32 = (n: number) => fixed(4, (b) => b.writeFloatLE(n));
const uint64 = (n: number) => fixed(8, (b) => b.writeBigUInt64LE(BigInt(n)));

function fixed(size: number, write: (buffer: Buffer) => unknown): Buffer {
  const buffer = Buffer.alloc(size);
  write(buffer);
  return buffer;
}

/**
 * A strict little XML parser for tests: enough to prove junit.xml is well-formed (balanced tags,
 * quoted attributes, no raw "<" or stray "&") and to query it. Throws with the offset on error.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, at: number): string {
  return raw.replace(/&([^;]*);|&/g, (match, name: string | undefined) => {
    if (name === undefined) throw new Error(`stray "&" near offset ${at}`);
    if (ENTITIES[name]) return ENTITIES[name];
    const code = /^#x([0-9a-f]+)$/i.exec(name) ?? /^#([0-9]+)$/.exec(name);
    if (!code) throw new Error(`unknown entity "${match}" near offset ${at}`);
    return String.fromCodePoint(parseInt(code[1]!, name.startsWith('#x') ? 16 : 10));
  });
}

export function parseXml(xml: string): XmlElement {
  let i = 0;
  const skipProlog = /^<\?xml[^?]*\?>\s*/.exec(xml);
  if (skipProlog) i = skipProlog[0].length;
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt === -1 ? xml.length : lt;
    const text = xml.slice(i, textEnd);
    if (text.includes('>')) throw new Error(`raw ">" in text near offset ${i}`);
    stack.at(-1)!.text += decode(text, i);
    if (lt === -1) break;
    const gt = xml.indexOf('>', lt);
    if (gt === -1) throw new Error(`unclosed tag at offset ${lt}`);
    const tag = xml.slice(lt + 1, gt);
    if (tag.startsWith('/')) {
      const open = stack.pop();
      if (!open || open.name !== tag.slice(1).trim())
        throw new Error(`</${tag.slice(1)}> closes <${open?.name}> at offset ${lt}`);
    } else {
      const selfClosing = tag.endsWith('/');
      const body = selfClosing ? tag.slice(0, -1) : tag;
      const nameMatch = /^([A-Za-z_][\w.-]*)/.exec(body);
      if (!nameMatch) throw new Error(`bad tag name at offset ${lt}`);
      const attrs: Record<string, string> = {};
      let rest = body.slice(nameMatch[1]!.length);
      const attr = /^\s+([A-Za-z_][\w.:-]*)="([^"<]*)"/;
      for (let m = attr.exec(rest); m; m = attr.exec(rest)) {
        if (m[1]! in attrs) throw new Error(`duplicate attribute ${m[1]} at offset ${lt}`);
        attrs[m[1]!] = decode(m[2]!, lt);
        rest = rest.slice(m[0].length);
      }
      if (rest.trim() !== '') throw new Error(`malformed attributes "${rest}" at offset ${lt}`);
      const element: XmlElement = { name: nameMatch[1]!, attrs, children: [], text: '' };
      stack.at(-1)!.children.push(element);
      if (!selfClosing) stack.push(element);
    }
    i = gt + 1;
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack.at(-1)!.name}>`);
  if (root.children.length !== 1 || root.text.trim() !== '')
    throw new Error('an XML document has exactly one root element');
  return root.children[0]!;
}

/** Every descendant element with this name, in document order. */
export function findAll(element: XmlElement, name: string): XmlElement[] {
  return element.children.flatMap((c) => [...(c.name === name ? [c] : []), ...findAll(c, name)]);
}

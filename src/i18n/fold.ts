// The one way typed words are compared: digits made Western, accents and marks dropped, one spelling where residents
// type several. Pure; knows no word of any language.

/** Eastern Arabic (٣) and Persian (۳) digits as 0–9, the Arabic decimal and thousands separators as "." and ",". */
export function westernDigits(text: string): string {
  return text
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x6f0))
    .replace(/\u066b/g, '.')
    .replace(/\u066c/g, ',');
}

/** A message as the words the matchers compare: no accents or marks, lower case, one spelling where residents type several. */
export function fold(text: string): string[] {
  return (
    westernDigits(text)
      .normalize('NFKD') // also makes fullwidth ３ and Ｏｋ plain
      .replace(/\p{M}/gu, '') // accents, Arabic vowel signs, hamza above or below (أ إ آ → ا)
      .toLowerCase()
      // Arabic letters residents write for one another: ة/ه, ى/ي; the tatweel only stretches a word
      .replace(/ـ/g, '')
      .replace(/ة/g, 'ه')
      .replace(/ى/g, 'ي')
      // The Ukrainian apostrophe is part of the word: п'ять is one word, as п’ять and пять
      .replace(/(\p{Script=Cyrillic})['’ʼ](?=\p{Script=Cyrillic})/gu, '$1')
      // Chinese runs digits into the words around them: 3号, 1948年3月, 选2
      .replace(/(\p{Nd})(?=\p{Script=Han})|(\p{Script=Han})(?=\p{Nd})/gu, '$1$2 ')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .split(' ')
      .filter(Boolean)
  );
}

/** A phrase as one folded key: "Sì, certo!" → "si certo". */
export const foldKey = (text: string): string => fold(text).join(' ');

// The booking flow both sides of the benchmark run: its choices, and the scripted conversations drawn from a seed; no I/O.
import { drawAnswers, mulberry32 } from './rng.js';

export const categories = ['Famiglie', 'Scuola', 'Anziani'] as const;
export type Category = (typeof categories)[number];
export const servicesByCategory: Record<Category, readonly string[]> = {
  Famiglie: ['Centro estivo', 'Nido comunale', 'Sostegno affitto', 'Consulenza familiare', 'Bonus bebè'],
  Scuola: ['Doposcuola', 'Trasporto scolastico', 'Mensa', 'Pre-scuola', 'Borse di studio'],
  Anziani: ['Pasti a domicilio', 'Assistenza domiciliare', 'Telesoccorso', 'Trasporto sociale', 'Centro diurno'],
};
export const municipalities = ['Piazzola sul Brenta', 'Campodoro', 'Campo San Martino', 'Limena', 'Villafranca Padovana'] as const;
export const slots = ['Lunedì 9:00', 'Martedì 11:30', 'Giovedì 15:00', 'Venerdì 17:30'] as const;

export interface BookingProfile {
  category: string;
  service: string;
  age: number;
  municipality: string;
  slot: string;
}

/** One scripted conversation: what the resident types, turn by turn, and what must be booked and remembered. */
export interface Script {
  conversationId: string;
  userId: string;
  texts: string[];
  expected: BookingProfile;
}

export function scripts(seed: number, count: number, idPrefix: string): Script[] {
  const rng = mulberry32(seed);
  return Array.from({ length: count }, (_, i) => {
    const draw = drawAnswers(rng);
    const category = categories[draw.category]!;
    const expected: BookingProfile = {
      category,
      service: servicesByCategory[category][draw.service]!,
      age: draw.age,
      municipality: municipalities[draw.municipality]!,
      slot: slots[draw.slot]!,
    };
    const ages = draw.invalidAge === undefined ? [String(draw.age)] : [draw.invalidAge, String(draw.age)];
    return {
      conversationId: `${idPrefix}c${i}`,
      userId: `${idPrefix}u${i}`,
      texts: ['ciao', expected.category, expected.service, ...ages, expected.municipality, expected.slot, 'sì'],
      expected,
    };
  });
}

export interface ModerationResult {
  flagged: boolean;
  categories: string[];
}

/** A small word list per category; matched on whole words after normalising look-alike characters. */
const WORDS: Record<string, readonly string[]> = {
  harassment: ['idiot', 'moron', 'stupid bitch', 'bitch', 'bastard', 'asshole', 'retard', 'dumbass', 'fuck you', 'shut up bitch'],
  profanity: ['fuck', 'fucking', 'motherfucker', 'shit', 'cunt', 'dickhead', 'piss off'],
  violence: ['kill you', 'i will kill', 'murder you', 'shoot you', 'stab you', 'bomb your', 'beat you up'],
  'self-harm': ['kill myself', 'suicide', 'end my life', 'cut myself'],
  hate: ['nazi scum', 'subhuman', 'go back to your country'],
};

const LOOK_ALIKES: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' };

export function normaliseForModeration(text: string): string {
  return text
    .toLowerCase()
    .replace(/[013457@$!]/g, (char) => LOOK_ALIKES[char] ?? char)
    .replace(/[*._-]/g, '')
    .replace(/[^a-z\s']/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The offline moderation filter: flags text containing a listed word or phrase. */
export function moderateLocally(text: string): ModerationResult {
  const normalised = ` ${normaliseForModeration(text)} `;
  const categories = Object.entries(WORDS)
    .filter(([, words]) => words.some((word) => normalised.includes(` ${word} `)))
    .map(([category]) => category);
  return { flagged: categories.length > 0, categories };
}

import type { Locale } from './ticket.ts';

/** The team's name (TEAM_NAME), and its name in other languages (TEAM_NAMES). */
export interface TeamNaming {
  readonly teamName: string;
  readonly teamNames?: Partial<Record<Locale, string>>;
}

/** The name mail in this language is signed with: the team's name in that language, else the one name given. */
export function teamNameIn(locale: Locale, team: TeamNaming): string {
  return team.teamNames?.[locale] ?? team.teamName;
}

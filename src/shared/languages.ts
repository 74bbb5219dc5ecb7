/** The languages DL Lab speaks: its screens, figures, reports and messages. */
export const languages = ['en', 'ja'] as const
export type Language = (typeof languages)[number]

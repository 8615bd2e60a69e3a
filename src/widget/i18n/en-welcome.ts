/** English of the welcome (ui/welcome.tsx): it ships with that chunk alone, which every first chat shows. */
export const enWelcome = {
  'welcome.title': 'Hi! How can we help?',
} as const;

/** The core's public surface: the other layers import from here. */
export * from './digest.ts';
export * from './failures.ts';
export * from './hashtags.ts';
export * from './language.ts';
export * from './messages.ts';
export * from './ports.ts';
export * from './post.ts';
export * from './rank.ts';
export * from './replies.ts';
export * from './result.ts';
export * from './router.ts';
export * from './search.ts';
export * from './text.ts';
export * from './thread.ts';
export * from './unroll.ts';
export * from './closest.ts';
export * from './delivery.ts';

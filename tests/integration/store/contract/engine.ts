import type { Stores } from '../../../../src/core/index.ts';
import { fixedClock } from '../../../support/posts.ts';

export type TestClock = ReturnType<typeof fixedClock>;

/**
 * One storage engine under the contract: `open` gives fresh, empty stores on the clock the test moves.
 * The suites in this folder hold every engine to the same behaviour, case by case.
 */
export interface ContractEngine {
  readonly name: string;
  open(clock: TestClock): Promise<Stores>;
}

export async function openWith(engine: ContractEngine, start?: string): Promise<Stores & { clock: TestClock }> {
  const clock = fixedClock(start);
  return { ...(await engine.open(clock)), clock };
}

import { describe, expect, it } from 'vitest';
import { createVisibleClock } from '../../src/telemetry/create-visible-clock';

function manualTime() {
  let time = 0;
  return {
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
  };
}

describe('createVisibleClock', () => {
  it('counts only the time the page was visible', () => {
    const time = manualTime();
    const clock = createVisibleClock(time.now, true);
    time.advance(2_000);
    clock.hide();
    time.advance(60_000);
    clock.show();
    time.advance(3_000);
    expect(clock.take()).toBe(5_000);
  });

  it('hands out each slice once', () => {
    const time = manualTime();
    const clock = createVisibleClock(time.now, true);
    time.advance(1_000);
    expect(clock.take()).toBe(1_000);
    time.advance(500);
    expect(clock.take()).toBe(500);
  });

  it('counts nothing for a page that starts hidden and stays hidden', () => {
    const time = manualTime();
    const clock = createVisibleClock(time.now, false);
    time.advance(10_000);
    expect(clock.take()).toBe(0);
  });

  it('starts over on restart', () => {
    const time = manualTime();
    const clock = createVisibleClock(time.now, true);
    time.advance(4_000);
    clock.restart(true);
    time.advance(1_000);
    expect(clock.take()).toBe(1_000);
  });
});

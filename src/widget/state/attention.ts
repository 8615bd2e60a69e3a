/**
 * Getting the visitor's attention when an agent writes and they are not looking: a short chime (if they
 * leave sound on) and a count in the page title while the tab is hidden. The title is put back when the
 * tab is visible again, unless the page changed it meanwhile. Loaded the first time it is needed.
 */
import type { ReadonlySignal } from '@preact/signals';

export interface AttentionDeps {
  /** The visitor's choice, kept by the panel. */
  sound: ReadonlySignal<boolean>;
  /** "(2) New message" in the visitor's language. */
  titleNotice: (count: number) => string;
}

export function createAttention({ sound, titleNotice }: AttentionDeps) {
  let audio: AudioContext | undefined;
  let originalTitle: string | undefined;
  let ourTitle: string | undefined;
  let unseen = 0;

  const restoreTitle = () => {
    if (document.visibilityState !== 'visible') return;
    if (ourTitle !== undefined && document.title === ourTitle && originalTitle !== undefined) document.title = originalTitle;
    originalTitle = ourTitle = undefined;
    unseen = 0;
  };
  document.addEventListener('visibilitychange', restoreTitle);

  function chime(): void {
    try {
      audio ??= new AudioContext();
      void audio.resume();
      const now = audio.currentTime;
      for (const [freq, at] of [
        [880, 0],
        [1320, 0.12],
      ] as const) {
        const osc = audio.createOscillator();
        const gain = audio.createGain();
        osc.frequency.value = freq;
        gain.gain.setValueAtTime(0.0001, now + at);
        gain.gain.exponentialRampToValueAtTime(0.15, now + at + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, now + at + 0.3);
        osc.connect(gain).connect(audio.destination);
        osc.start(now + at);
        osc.stop(now + at + 0.32);
      }
    } catch {
      // No audio (blocked, unsupported): the visual cues remain.
    }
  }

  return {
    /** An agent message arrived; `seen` when the panel is open in a visible tab. */
    agentMessage(seen: boolean): void {
      if (seen) return;
      if (sound.value) chime();
      if (document.visibilityState === 'hidden') {
        unseen++;
        if (originalTitle === undefined || document.title !== ourTitle) originalTitle = document.title;
        ourTitle = `${titleNotice(unseen)} · ${originalTitle}`;
        document.title = ourTitle;
      }
    },
    dispose(): void {
      document.removeEventListener('visibilitychange', restoreTitle);
      void audio?.close();
    },
  };
}

export type Attention = ReturnType<typeof createAttention>;

/**
 * Getting the visitor's attention when an agent writes and they are not looking: the server's sound
 * (Rocket.Chat's `resources.sound`, its chime) if they leave sound on — a short tone of our own where the
 * server names none or its file cannot play — and a count in the page title while the tab is hidden.
 * The title is put back when the tab is visible again, unless the page changed it meanwhile. Loaded the
 * first time it is needed.
 */
import type { ReadonlySignal } from '@preact/signals';

export interface AttentionDeps {
  /** The visitor's choice, kept by the panel. */
  sound: ReadonlySignal<boolean>;
  /** The server's new-message sound (an http(s) address), if it has one. */
  soundUrl?: () => string | undefined;
  /** "(2) New message" in the visitor's language. */
  titleNotice: (count: number) => string;
}

export function createAttention({ sound, soundUrl, titleNotice }: AttentionDeps) {
  let audio: AudioContext | undefined;
  let player: HTMLAudioElement | undefined;
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

  /** The server's sound; our tone when there is none, or the browser will not play it. */
  function play(): void {
    const url = soundUrl?.();
    if (!url) return tone();
    if (player?.src !== url) player = new Audio(url);
    player.currentTime = 0;
    player.play().catch((e: unknown) => {
      // Blocked until the visitor interacts with the page: nothing else would be heard either.
      if (!(e instanceof DOMException && e.name === 'NotAllowedError')) tone();
    });
  }

  function tone(): void {
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
      if (sound.value) play();
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
      player?.pause();
    },
  };
}

export type Attention = ReturnType<typeof createAttention>;

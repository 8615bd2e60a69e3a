/** Nothing caught yet: say how to get a transcript here. */
export function EmptyState() {
  return (
    <div class="empty-state">
      <p class="empty-state__title">No emails yet — finish a chat and choose Email me the transcript</p>
      <p class="muted">
        Chat on the <a href="/">customer site</a>, end the conversation, and ask for the transcript. It arrives here within
        a few seconds.
      </p>
    </div>
  );
}

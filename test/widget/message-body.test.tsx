import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { MessageBody } from '../../src/widget/ui/message-body.tsx';

describe('MessageBody', () => {
  it('shows a plain sentence as it is', () => {
    const { container } = render(<p>{<MessageBody text="Hello, can you help me? It costs 5 * 3 euros" />}</p>);
    expect(container.querySelector('p')!.textContent).toBe('Hello, can you help me? It costs 5 * 3 euros');
  });

  it('formats a message once the formatter has loaded: bold, a list, a link', async () => {
    render(<div data-testid="body">{<MessageBody text={'**Order** shipped:\n- see https://example.com/track'} />}</div>);
    expect(await screen.findByText('Order', { selector: 'strong' })).toBeInTheDocument();
    expect(screen.getByRole('listitem')).toHaveTextContent('see https://example.com/track');
    expect(screen.getByRole('link', { name: 'https://example.com/track' })).toHaveAttribute('href', 'https://example.com/track');
  });
});

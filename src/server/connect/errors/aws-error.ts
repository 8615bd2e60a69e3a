/**
 * restJson1 errors as the Participant Service and the Connect control plane answer them: the status, the
 * error name in `x-amzn-errortype`, a request id in `x-amzn-requestid`, and a small JSON body. The
 * Participant Service spells the body `{"message": …}` (seen in chatjs and chat-interface issues); the
 * Connect control plane spells it `{"Message": …}` as its Smithy model does.
 */
export class AwsError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    /** Extra members of the error body (ResourceNotFoundException's ResourceId/ResourceType). */
    readonly extra: Record<string, string> = {},
    /** `message` for the Participant Service, `Message` for the control plane. */
    readonly messageKey: 'message' | 'Message' = 'message',
  ) {
    super(message);
    this.name = type;
  }

  body(): Record<string, string> {
    return { [this.messageKey]: this.message, ...this.extra };
  }
}

/** The texts the real Participant Service is seen to answer with (its bodies never name the field). */
export const ACCESS_DENIED_TEXT = 'Access denied';
export const INVALID_PARAMETER_TEXT = 'Validation exception due to invalid parameter';

export const accessDenied = (): AwsError => new AwsError(403, 'AccessDeniedException', ACCESS_DENIED_TEXT);
export const validation = (message = INVALID_PARAMETER_TEXT): AwsError => new AwsError(400, 'ValidationException', message);
export const throttled = (): AwsError => new AwsError(429, 'ThrottlingException', 'Rate exceeded');
export const conflict = (message: string): AwsError => new AwsError(409, 'ConflictException', message);
export const quotaExceeded = (message: string): AwsError => new AwsError(402, 'ServiceQuotaExceededException', message);
export const internalError = (): AwsError => new AwsError(500, 'InternalServerException', 'Internal server error');

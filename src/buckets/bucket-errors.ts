/**
 * @module Errors of buckets, shared by the filesystem source and destination: a bucket (or local
 * folder) that does not exist, and credentials the object store refuses. Messages name the
 * bucket and, for credentials, the access key id masked; never the secret.
 */
import { TerminalError } from '../errors/dlt-error.js'

/** The bucket, or the local folder of a `bucketUrl`, does not exist. */
export class BucketNotFoundError extends TerminalError {
  override name = 'BucketNotFoundError'
  /** The bucket URL, without credentials. */
  readonly bucketUrl: string

  constructor(bucketUrl: string, options?: ErrorOptions) {
    super(
      `Bucket not found: ${bucketUrl} does not exist. Check \`bucketUrl\` (bucket_url in ` +
        'configuration), create the bucket or folder, or check the `endpoint_url` of the credentials',
      options,
    )
    this.bucketUrl = bucketUrl
  }
}

/** The object store refused the credentials (unknown key, bad signature, access denied). */
export class BucketAccessDeniedError extends TerminalError {
  override name = 'BucketAccessDeniedError'
  readonly bucketUrl: string
  /** The access key id used, masked (`AK****EY`); `undefined` when none was configured. */
  readonly accessKeyId: string | undefined

  constructor(
    bucketUrl: string,
    accessKeyId: string | undefined,
    reason: string,
    configSection: string,
    options?: ErrorOptions,
  ) {
    const key = accessKeyId === undefined ? 'no access key id' : `access key id ${accessKeyId}`
    super(
      `Access to bucket ${bucketUrl} was refused (${reason}) with ${key}: check ` +
        `aws_access_key_id and aws_secret_access_key in [${configSection}.credentials] ` +
        '(or the `credentials` option) and that they may read and write the bucket',
      options,
    )
    this.bucketUrl = bucketUrl
    this.accessKeyId = accessKeyId
  }
}

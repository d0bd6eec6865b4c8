/**
 * @module dlt-ts: load data from any iterable into well-structured, live datasets.
 *
 * ```ts
 * import * as dlt from 'dlt-ts'
 * const pipeline = dlt.pipeline({ pipelineName: 'events', destination: 'duckdb' })
 * const info = await pipeline.run([{ id: 1, user: { name: 'ann' } }], { tableName: 'events' })
 * console.log(info.toString())
 * ```
 */
import { Pipeline } from './pipeline/pipeline.js'
import type { PipelineConfig } from './pipeline/pipeline-config.js'

export type {
  ConfigProvider,
  ConfigSpec,
  ConnectionStringCredentials,
  ConnectionStringCredentialsInit,
  Environment,
  ExplicitValues,
  FieldSpec,
  LookupTrace,
  MissingConfigField,
  ResolvedConfig,
  ResolveOptions,
  RuntimeSettings,
  ValueAccessor,
} from './config/index.js'
export {
  ConfigError,
  ConfigFieldMissingError,
  ConfigFileError,
  ConfigValueError,
  ConfigValueNotSecretError,
  ConnectionStringSchemeError,
  config,
  createConfigAccessors,
  createConnectionStringCredentials,
  createProviders,
  defineConfig,
  dltDataDir,
  InvalidConnectionStringError,
  isConfigError,
  maskSecret,
  redactSecrets,
  resolveConfig,
  resolveRuntimeSettings,
  secret,
  secrets,
} from './config/index.js'
export type {
  CustomDestinationConfig,
  CustomDestinationFileFunction,
  CustomDestinationFunction,
  CustomDestinationItem,
} from './destinations/custom/index.js'
export { CustomDestinationError, destination } from './destinations/custom/index.js'
export type { Destination, DestinationClient } from './destinations/destination.js'
export {
  DestinationConnectionError,
  DestinationQueryError,
  TransientQueryError,
} from './destinations/destination-errors.js'
export type { AwsCredentials, AwsCredentialsInput } from './destinations/filesystem/index.js'
export {
  BucketAccessDeniedError,
  BucketNotFoundError,
  UnsafePathNameError,
  UnsupportedFileFormatError,
  UnsupportedWriteDispositionError,
} from './destinations/filesystem/index.js'
export type {
  DuckDbDestinationConfig,
  FilesystemDestinationConfig,
  FilesystemFileFormat,
  FileTransport,
  MysqlDestinationConfig,
  PostgresDestinationConfig,
  PostgresPoolClientLike,
  PostgresPoolLike,
  SqliteDestinationConfig,
} from './destinations/index.js'
export * as destinations from './destinations/index.js'
export {
  DltError,
  isDltError,
  isTerminalError,
  isTransientError,
  TerminalError,
  TransientError,
} from './errors/dlt-error.js'
export type { ResourceData } from './extract/chunks.js'
export type { DataInput } from './extract/data-items.js'
export { ResourceExtractError } from './extract/extract-errors.js'
export type {
  IncrementalConfig,
  IncrementalContext,
  IncrementalSpec,
} from './extract/incremental/index.js'
export { incremental } from './extract/incremental/index.js'
export type { MarkedItem, MarkedPage } from './extract/mark.js'
export { mark } from './extract/mark.js'
export type {
  Resource,
  ResourceContext,
  ResourceFunction,
  ResourceHints,
  ResourceOptions,
  TransformerFunction,
  TransformerOptions,
} from './extract/resource.js'
export { resource, transformer } from './extract/resource.js'
export type { ResourcePartitions } from './extract/resource-partitions.js'
export type { RunInput } from './extract/run-input.js'
export type { Source, SourceOptions } from './extract/source.js'
export { source } from './extract/source.js'
export { DataValidationError } from './extract/standard-schema/item-validator.js'
export type {
  StandardIssue,
  StandardOutput,
  StandardSchemaV1,
} from './extract/standard-schema/standard-schema.js'
export { InvalidItemError } from './extract/validate-item.js'
export type { LoadOutcome } from './load/load-errors.js'
export { LoadPackageError } from './load/load-errors.js'
export type { LoadJobInfo, LoadPackageResult } from './load/loader.js'
export type {
  Dataset,
  DatasetQueryOptions,
  DatasetRow,
  DatasetRowsOptions,
} from './pipeline/dataset.js'
export type { LoadInfo } from './pipeline/load-info.js'
export type { ExtractInfo, NormalizeInfo, Pipeline } from './pipeline/pipeline.js'
export type { ExtractOptions, PipelineConfig, RunOptions } from './pipeline/pipeline-config.js'
export { PipelineLockedError, PipelineStepFailed } from './pipeline/pipeline-errors.js'
export type {
  ProgressMode,
  ProgressOptions,
  ProgressSetting,
  ProgressStream,
} from './pipeline/progress/progress.js'
export type { RefreshMode } from './pipeline/refresh.js'
export type { RunTrace, StepFailure, StepTrace } from './pipeline/run-trace.js'
export { DataTypeError, NullValueError } from './schema/coerce-row.js'
export { TableHintsError } from './schema/column-hint-rules.js'
export type { DataType } from './schema/data-types.js'
export { DATA_TYPES } from './schema/data-types.js'
export type { ColumnHint, TableHints, WriteDispositionHint } from './schema/hints.js'
export { SchemaContractError } from './schema/schema-contract.js'
export { schemaToTypeScript } from './schema/schema-to-typescript.js'
export type {
  ColumnSchema,
  ContractMode,
  LoaderFileFormat,
  MergeStrategy,
  SchemaContract,
  StoredSchema,
  TableSchema,
  WriteDisposition,
} from './schema/schema-types.js'
export { WRITE_DISPOSITIONS } from './schema/schema-types.js'
export type {
  DeleteInsertDisposition,
  KeyedMergeDisposition,
  Scd2Disposition,
  TimestampOption,
} from './schema/write-disposition.js'
export { FileReadError } from './sources/filesystem/filesystem-source-errors.js'
export type { ReadJsonlOptions } from './sources/filesystem/read-jsonl.js'
export { readJsonl } from './sources/filesystem/read-jsonl.js'
export type { RestApiConfig } from './sources/rest-api/index.js'
export {
  isRestApiConfigError,
  RestApiConfigError,
  restApiResources,
  restApiSource,
} from './sources/rest-api/index.js'
export type {
  Auth,
  AuthRequest,
  HttpError,
  HttpRuntimeConfig,
  PageData,
  PageRequest,
  PaginateOptions,
  Paginator,
  RESTClientConfig,
  RequestOptions,
  ResponseAction,
} from './sources/rest-client/index.js'
export {
  APIKeyAuth,
  AuthBase,
  BasePaginator,
  BearerTokenAuth,
  createResponseHooks,
  HeaderCursorPaginator,
  HeaderLinkPaginator,
  HttpBasicAuth,
  HttpClientError,
  HttpConnectionError,
  HttpRateLimitError,
  HttpServerError,
  isHttpConnectionError,
  isHttpError,
  isPaginatorError,
  isRequestTimeoutError,
  isResponseFormatError,
  JSONLinkPaginator,
  JSONResponseCursorPaginator,
  OAuth2ClientCredentials,
  OffsetPaginator,
  PageNumberPaginator,
  PaginatorError,
  RESTClient,
  RESTResponse,
  RequestTimeoutError,
  ResponseFormatError,
  SinglePagePaginator,
} from './sources/rest-client/index.js'
export { MissingPeerDependencyError } from './util/optional-peers.js'

/**
 * Creates a pipeline: a named, resumable way to move data into a destination.
 *
 * ```ts
 * const pipeline = dlt.pipeline({ pipelineName: 'github', destination: 'duckdb', datasetName: 'github_data' })
 * ```
 */
export function pipeline(config: PipelineConfig): Pipeline {
  return new Pipeline(config)
}

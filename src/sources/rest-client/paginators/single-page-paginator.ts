/**
 * @module The paginator of endpoints that are not paginated (dlt's `SinglePagePaginator`); also the
 * fallback of paginator detection.
 */
import type { PageRequest } from '../page-request.js'
import { BasePaginator } from './paginator.js'

/** Stops after the first page. */
export class SinglePagePaginator extends BasePaginator {
  updateState(): void {
    this.setHasNextPage(false)
  }

  updateRequest(_request: PageRequest): void {}

  clone(): SinglePagePaginator {
    return new SinglePagePaginator()
  }
}

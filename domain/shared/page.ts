import { DomainError } from './domain-error.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** A page request: 1-based page number and a size capped at MAX_PAGE_SIZE. */
export interface PageRequest {
  readonly page: number;
  readonly size: number;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly page: number;
  readonly size: number;
  readonly total: number;
}

export function pageRequest(page = 1, size = DEFAULT_PAGE_SIZE): PageRequest {
  if (!Number.isSafeInteger(page) || page < 1) {
    throw DomainError.invalid('PAGE.INVALID', `page must be a whole number from 1: ${page}`);
  }
  if (!Number.isSafeInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw DomainError.invalid('PAGE.INVALID', `page size must be a whole number from 1 to ${MAX_PAGE_SIZE}: ${size}`);
  }
  return { page, size };
}

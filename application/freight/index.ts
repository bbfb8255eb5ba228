// The freight context's public edge (运费模板, spec §7): its use cases, and what checkout asks of it
// inside its own transaction (`shopFreightRules`, then the pure `freightQuoteInputOf` of domain/freight).
export * from './create-freight-template.js';
export * from './update-freight-template.js';
export * from './list-freight-templates.js';
export * from './get-freight-template.js';
export * from './assign-freight-template.js';
export * from './list-template-skus.js';
export * from './set-shop-freight-settings.js';
export * from './get-shop-freight-settings.js';
export * from './quote-freight.js';
export * from './shop-freight-rules.js';

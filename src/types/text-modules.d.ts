// Wrangler's Text rule bundles these files as strings (see wrangler.toml [[rules]]).
declare module "*.sql" {
  const text: string;
  export default text;
}
declare module "*.md" {
  const text: string;
  export default text;
}

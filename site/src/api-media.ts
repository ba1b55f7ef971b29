/**
 * TypeDoc copies the files a package README links to into `api/_media`. For the
 * guides that would put a second, stale-prone copy of each guide on the site, so
 * links to a copied guide are pointed at the site's own guide page instead and
 * the copies are dropped.
 */

/**
 * Points links at `…/_media/<guide>.md` to `/guides/<guide>.md` for each named guide.
 *
 * @example
 * ```ts
 * linkMediaToGuides("[guide](../../_media/deployment.md#backups)", ["deployment.md"]);
 * // "[guide](/guides/deployment.md#backups)"
 * ```
 */
export const linkMediaToGuides = (markdown: string, guideFiles: ReadonlyArray<string>): string =>
  markdown.replace(/\]\((?:\.\.\/|\.\/)*_media\/([\w.-]+\.md)(#[^)\s]*)?\)/g, (whole, file: string, anchor: string | undefined) =>
    guideFiles.includes(file) ? `](/guides/${file}${anchor ?? ""})` : whole,
  );

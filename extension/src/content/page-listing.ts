/**
 * Whether the page's own URL is a listing (detail and shop pages), as one small state machine.
 * Per URL: unknown until the worker has answered a request made for that URL (search pages, most
 * pages, never look further); once it says "listing", the title is looked for on every pass until
 * found (it may render late). A lost request (worker gone) makes the URL unasked again.
 */
export class PageListing {
  private href = '';
  private listing: boolean | undefined;
  private asked = false;
  private titleFound = true;

  /** Follows `url`; true when it is a new page (the old page's badge must come down). */
  follow(url: string): boolean {
    if (url === this.href) return false;
    this.href = url;
    this.listing = undefined;
    this.asked = false;
    this.titleFound = false;
    return true;
  }

  /** Forget the page (pause): the next `follow` starts afresh. */
  reset(): void {
    this.href = '';
  }

  /** The worker must still be asked whether this page is a listing. */
  get needsAsking(): boolean {
    return this.listing === undefined && !this.asked;
  }

  /** The page is a listing whose title has not been found yet: look for it this pass. */
  get shouldLookForTitle(): boolean {
    return !this.titleFound && this.listing === true;
  }

  foundTitle(): void {
    this.titleFound = true;
  }

  /** A request for `url` went out. */
  sent(url: string): void {
    if (url === this.href) this.asked = true;
  }

  /** A request for `url` got no answer; `hadTitle`: it carried the page's own title candidate. */
  lost(url: string, hadTitle: boolean): void {
    if (hadTitle) this.titleFound = false;
    if (url === this.href) this.asked = false;
  }

  /** The worker answered for `url`; true when the title should now be looked for (next frame). */
  answered(url: string, isListing: boolean): boolean {
    if (url !== this.href || this.listing !== undefined) return false;
    this.listing = isListing;
    return isListing && !this.titleFound;
  }
}

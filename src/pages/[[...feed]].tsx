import { FeedPage } from "@/components/FeedPage";
import { NotFoundError } from "@/lib/errors";
import { loadStaticPage, staticPathsOnDemand } from "@/lib/page-props";
import { loadFeed } from "@/server/page-data";

// `/`: the feed's first page, served static (its further pages: src/pages/feed.tsx). An optional
// catch-all rather than index.tsx, because Next renders a page without a dynamic segment at
// build, which has no database; any other path under it is not a page.
export const getStaticPaths = staticPathsOnDemand;

export const getStaticProps = loadStaticPage(async ({ feed }) => {
  if (feed !== undefined) throw new NotFoundError("Page", String(feed));
  return loadFeed({});
});

export default FeedPage;

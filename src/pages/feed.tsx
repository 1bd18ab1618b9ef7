import { FeedPage } from "@/components/FeedPage";
import { HTTP_CACHE } from "@/lib/http-cache";
import { loadPage } from "@/lib/page-props";
import { loadFeed } from "@/server/page-data";

// `/feed?page=N`: the feed's further pages, rendered per request over the app cache.
export const getServerSideProps = loadPage(({ query }) => loadFeed(query), { cacheControl: HTTP_CACHE.pages });

export default FeedPage;

import type { GetStaticProps } from "next";
import { FeedPage } from "../../../src/components/FeedPage";
import { readCeilingData } from "../ceiling-data";

// The app's feed page with the app's props, rendered once at build: Next serving a static page.
export const getStaticProps: GetStaticProps = async () => ({
  props: readCeilingData().feedPageProps,
});

export default FeedPage;

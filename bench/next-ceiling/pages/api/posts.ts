import type { NextApiRequest, NextApiResponse } from "next";
import { readCeilingData } from "../../ceiling-data";

// The app's feed API bytes, read once, whatever the query: Next's API routing and response, and nothing else.
const { api } = readCeilingData();

export default function handler(_req: NextApiRequest, res: NextApiResponse) {
  res.setHeader("Content-Type", api.contentType);
  res.status(200).send(api.body);
}

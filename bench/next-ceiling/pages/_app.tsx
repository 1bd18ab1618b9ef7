export { default } from "../../../src/pages/_app";

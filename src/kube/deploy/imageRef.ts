// Image references for a deploy live in core (the local engine builds and pushes with them); re-exported here for
// the deploy engine's callers.
export { deployTag, imageRefFor, registryOf, repositoryFor } from '../../core/imageRef';

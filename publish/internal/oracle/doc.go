// Package oracle is publish's renderer as it was before the render speed-up
// (commit 179de79), kept unchanged as the oracle of the equivalence tests
// (publish.TestRenderMatchesOracle, publish.FuzzRenderMatchesOracle): the
// new Render must give the same bytes on every input. Nothing else may
// import it.
package oracle

// Linkage exports (union-find, sparse agglomerative linkage, dense linkage, tree cut).

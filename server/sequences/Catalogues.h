// The read-only catalogues of the sequence API, served from data embedded in bio/: GET /enzymes
// (REBASE, one entry per enzyme whose cuts are known, id "enz_<name>") and
// GET /codon-usage-tables (the EMBOSS tables, id "codtab_<table>", e.g. codtab_Eecoli).
#pragma once

#include "bio/CodonUsage.h"
#include "bio/RestrictionEnzymes.h"
#include "server/Router.h"

#include <optional>

namespace benchtop::server::sequences {

const bio::RestrictionEnzyme *enzymeById(const QString &id);
std::optional<bio::CodonUsageTable> codonTableById(const QString &id);

void addCatalogueRoutes(Router &router);

} // namespace benchtop::server::sequences

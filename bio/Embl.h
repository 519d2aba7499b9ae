// EMBL flat files (ENA) into Record: the ID line's topology, molecule type, division and length,
// DE, AC and SV, the FT feature table (same location grammar and qualifiers as GenBank) and the
// SQ sequence. KW, OS/OC, CC and references become GenBank-style header blocks (KEYWORDS,
// SOURCE/ORGANISM, COMMENT, REFERENCE), so that writing the record as GenBank keeps them, and
// EMBL's division codes and molecule types become GenBank's (PRO -> BCT, "genomic DNA" ->
// "DNA", "viral cRNA" -> "cRNA"), as GenBank's LOCUS line has words for no others.
#pragma once

#include "bio/GenBank.h"

namespace benchtop::bio {

// Same result type as GenBank: records, or an error naming the line; plus warnings.
GenBankResult readEmbl(QByteArrayView text);
GenBankResult readEmblFile(const QString &path); // gunzips first if the file is gzip

} // namespace benchtop::bio

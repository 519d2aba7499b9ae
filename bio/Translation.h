// Translation of DNA or RNA (T or U, any case, IUPAC ambiguity resolved as GeneticCode.h says)
// in one, three or six frames, with any NCBI genetic code.
#pragma once

#include "bio/GeneticCode.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <utility>

namespace benchtop::bio {

struct TranslationOptions
{
    const GeneticCode *code = nullptr; // nullptr: the standard code (1)
    // Stop before the first codon that translates to '*' (codons that 27/28/31 read through
    // translate to their amino acid, so they do not stop it).
    bool toFirstStop = false;
    // The API's Translation.coerceStartCodonToMethionine: a first codon that is one of the
    // table's start codons (e.g. GTG, TTG in code 11) becomes M. Other first codons are kept.
    bool coerceStartCodonToMethionine = false;
    // Translate a trailing 1-2 bases as if padded with N (GC -> A, C -> X), as EMBOSS transeq
    // does. Off: they are dropped, as Biopython does (less its warning).
    bool translatePartialCodon = false;
};

QByteArray translate(QByteArrayView nucleotides, const TranslationOptions &options = {});
// The same on the reverse complement, without building it.
QByteArray translateReverseComplement(QByteArrayView nucleotides,
                                      const TranslationOptions &options = {});

// Where the reverse frames start. EMBOSS transeq's default (and the Staden convention) makes
// frame -N read the same codons as frame N on the other strand: -1 starts at base
// (length % 3) of the reverse complement. transeq -alternative (and Biopython's
// reverse_complement()[k:].translate()) starts -1, -2, -3 at reverse-complement bases 0, 1, 2.
enum class ReverseFrames { SameCodonsAsForward, FromSequenceEnd };

enum class FrameSet { First, Forward, All }; // frame 1; frames 1-3; frames 1-3 and -1..-3

struct FrameTranslation
{
    int frame = 1;     // 1, 2, 3, -1, -2, -3
    qint64 offset = 0; // first codon's start: in the sequence (frames 1-3) or its reverse
                       // complement (frames -1..-3)
    QByteArray protein;

    // The forward-strand span [start, end) of the codon of residue `residue`; for a partial
    // trailing codon the span is clipped to the sequence.
    std::pair<qint64, qint64> codonSpan(qint64 residue, qint64 sequenceLength) const;
};

QList<FrameTranslation> translateFrames(QByteArrayView nucleotides, FrameSet frames,
                                        const TranslationOptions &options = {},
                                        ReverseFrames reverse = ReverseFrames::SameCodonsAsForward);

} // namespace benchtop::bio

#include "Translation.h"

namespace benchtop::bio {
namespace {

bool isGapCodon(const char *codon)
{
    return codon[0] == '-' && codon[1] == '-' && codon[2] == '-';
}

// Shared by both strands: `codonAt(i)` translates the i-th full codon, `partial()` the
// trailing bases padded with N, `firstIsStart()` tells whether codon 0 is a start codon.
template<typename CodonAt, typename Partial, typename FirstIsStart>
QByteArray translateCodons(qsizetype length, const TranslationOptions &options, CodonAt codonAt,
                           Partial partial, FirstIsStart firstIsStart)
{
    const qsizetype fullCodons = length / 3;
    QByteArray protein(fullCodons + 1, Qt::Uninitialized);
    char *out = protein.data();
    qsizetype produced = 0;
    bool stopped = false;
    if (options.toFirstStop) {
        for (; produced < fullCodons; ++produced) {
            const char aa = codonAt(produced);
            if (aa == '*') {
                stopped = true;
                break;
            }
            out[produced] = aa;
        }
    } else {
        for (; produced < fullCodons; ++produced)
            out[produced] = codonAt(produced);
    }
    if (!stopped && options.translatePartialCodon && length % 3 != 0) {
        const char aa = partial();
        if (aa == '*' && options.toFirstStop)
            stopped = true;
        else
            out[produced++] = aa;
    }
    if (options.coerceStartCodonToMethionine && produced > 0 && fullCodons > 0 && firstIsStart())
        out[0] = 'M';
    protein.truncate(produced);
    return protein;
}

const GeneticCode &codeOf(const TranslationOptions &options)
{
    return options.code ? *options.code : GeneticCode::standard();
}

} // namespace

QByteArray translate(QByteArrayView nucleotides, const TranslationOptions &options)
{
    const GeneticCode &code = codeOf(options);
    const char *bases = nucleotides.data();
    const qsizetype length = nucleotides.size();
    const auto codonAt = [&](qsizetype i) {
        const char *codon = bases + 3 * i;
        const char aa = code.translateCodon(codon);
        return aa == 'X' && isGapCodon(codon) ? '-' : aa;
    };
    const auto partial = [&] {
        const char *rest = bases + length - length % 3;
        return code.translateMasks(nucleotideMask(rest[0]),
                                   length % 3 == 2 ? nucleotideMask(rest[1]) : quint8(15), 15);
    };
    const auto firstIsStart = [&] {
        return code.isStartCodon(nucleotides.first(3));
    };
    return translateCodons(length, options, codonAt, partial, firstIsStart);
}

QByteArray translateReverseComplement(QByteArrayView nucleotides, const TranslationOptions &options)
{
    const GeneticCode &code = codeOf(options);
    const char *bases = nucleotides.data();
    const qsizetype length = nucleotides.size();
    // Codon i of the reverse complement is the reverse complement of bases
    // [length - 3i - 3, length - 3i).
    const auto codonAt = [&](qsizetype i) {
        const char *codon = bases + length - 3 * i - 3;
        const char aa = code.translateReverseCodon(codon);
        return aa == 'X' && isGapCodon(codon) ? '-' : aa;
    };
    const auto partial = [&] {
        const qsizetype rest = length % 3; // the first `rest` bases, read backwards
        return code.translateMasks(
            complementMask(nucleotideMask(bases[rest - 1])),
            rest == 2 ? complementMask(nucleotideMask(bases[0])) : quint8(15), 15);
    };
    const auto firstIsStart = [&] {
        const char *codon = bases + length - 3;
        return (code.codonRolesOfMasks(complementMask(nucleotideMask(codon[2])),
                                       complementMask(nucleotideMask(codon[1])),
                                       complementMask(nucleotideMask(codon[0]))) &
                GeneticCode::Start) != 0;
    };
    return translateCodons(length, options, codonAt, partial, firstIsStart);
}

std::pair<qint64, qint64> FrameTranslation::codonSpan(qint64 residue, qint64 sequenceLength) const
{
    const qint64 begin = offset + 3 * residue;
    const qint64 end = std::min(begin + 3, sequenceLength);
    if (frame > 0)
        return {begin, end};
    return {sequenceLength - end, sequenceLength - begin};
}

QList<FrameTranslation> translateFrames(QByteArrayView nucleotides, FrameSet frames,
                                        const TranslationOptions &options, ReverseFrames reverse)
{
    const qsizetype length = nucleotides.size();
    QList<FrameTranslation> result;
    const int forwardCount = frames == FrameSet::First ? 1 : 3;
    for (int k = 0; k < forwardCount; ++k) {
        const qsizetype offset = std::min<qsizetype>(k, length);
        result.append({k + 1, offset, translate(nucleotides.sliced(offset), options)});
    }
    if (frames != FrameSet::All)
        return result;
    for (int k = 0; k < 3; ++k) {
        qsizetype offset = k;
        if (reverse == ReverseFrames::SameCodonsAsForward)
            offset = ((length - k) % 3 + 3) % 3;
        offset = std::min(offset, length);
        result.append({-(k + 1), offset,
                       translateReverseComplement(nucleotides.first(length - offset), options)});
    }
    return result;
}

} // namespace benchtop::bio

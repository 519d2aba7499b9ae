// optimizeCodons and avoidSites (CodonUsage.h).
#include "CodonUsage.h"

#include "Sequence.h"

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;

namespace benchtop::bio {
namespace {

bool isPlainCodon(QByteArrayView codon)
{
    return GeneticCode::codonIndex(codon) >= 0;
}

// Synonymous codons under a genetic code, most used by the host first (rankedCodons' order).
std::array<QList<QByteArray>, 128> synonymsByAminoAcid(const GeneticCode &code,
                                                       const CodonUsageTable &host)
{
    std::array<QList<QByteArray>, 128> synonyms;
    for (int i = 0; i < 64; ++i)
        synonyms[code.aminoAcids()[i]].append(GeneticCode::codonAt(i));
    for (QList<QByteArray> &codons : synonyms) {
        std::stable_sort(codons.begin(), codons.end(),
                         [&](const QByteArray &a, const QByteArray &b) {
                             const double fa = host.entry(a).fraction, fb = host.entry(b).fraction;
                             if (fa != fb)
                                 return fa > fb;
                             // ACGT order, as rankedCodons: compare the codons as text with the
                             // bases ranked A < C < G < T, which is their letter order.
                             return a < b;
                         });
    }
    return synonyms;
}

} // namespace

CodonOptimizationResult optimizeCodons(QByteArrayView cds, const CodonUsageTable &host,
                                       const CodonOptimizationOptions &options)
{
    CodonOptimizationResult result;
    if (cds.size() % 3 != 0) {
        result.error =
            u"the coding sequence has %1 bases, not a whole number of codons"_s.arg(cds.size());
        return result;
    }
    const GeneticCode &code = options.code ? *options.code : GeneticCode::standard();
    const auto synonyms = synonymsByAminoAcid(code, host);
    const qint64 count = cds.size() / 3;
    QByteArray input = cds.toByteArray().toUpper().replace('U', 'T');

    // Each codon's choices: its synonyms, or itself when it must stay.
    const auto choicesAt = [&](qint64 i) -> QList<QByteArray> {
        const QByteArray codon = input.mid(3 * i, 3);
        if (!isPlainCodon(codon) || (i == 0 && options.keepStartCodon && code.isStartCodon(codon)))
            return {codon};
        return synonyms[code.translateCodon(codon.constData())];
    };

    QByteArray &out = result.sequence;
    out = input;
    const auto vetoed = [&](qint64 i) {
        if (!options.veto)
            return false;
        const qint64 end = 3 * i + 3;
        const qint64 begin = std::max<qint64>(0, end - std::max(options.vetoWindow, 3));
        return options.veto(QByteArrayView(out).sliced(begin, end - begin));
    };

    std::vector<int> choice(count, 0);
    qint64 anchor = -1; // the codon that found no choice, while we revisit those before it
    qint64 floor = 0;   // codons before this are settled
    std::vector<int> saved;
    qint64 budget = 40 * count + 1000; // veto calls spent on revisiting, at most
    qint64 i = 0;
    while (i < count) {
        const QList<QByteArray> choices = choicesAt(i);
        bool placed = false;
        for (int c = choice[i]; c < choices.size(); ++c) {
            out.replace(3 * i, 3, choices[c]);
            --budget;
            if (!vetoed(i)) {
                choice[i] = c;
                placed = true;
                break;
            }
        }
        if (placed) {
            if (i == anchor)
                anchor = -1;
            if (++i < count)
                choice[i] = 0;
            continue;
        }
        if (anchor < 0) {
            anchor = i;
            const qint64 from = std::max(floor, anchor - options.maxBacktrack);
            saved.assign(choice.begin() + from, choice.begin() + anchor);
        }
        const qint64 lowest = std::max(floor, anchor - options.maxBacktrack);
        if (i > lowest && budget > 0) {
            choice[i] = 0;
            --i;
            ++choice[i]; // the next choice for the codon before
            continue;
        }
        // Nothing works: keep what was there before the anchor, force its preferred codon.
        for (qint64 k = lowest; k < anchor; ++k) {
            choice[k] = saved[k - lowest];
            out.replace(3 * k, 3, choicesAt(k)[choice[k]]);
        }
        out.replace(3 * anchor, 3, choicesAt(anchor).value(0));
        result.unresolved.append(anchor);
        floor = anchor + 1;
        i = anchor + 1;
        anchor = -1;
        if (i < count)
            choice[i] = 0;
    }
    return result;
}

std::function<bool(QByteArrayView)> avoidSites(const QList<QByteArray> &sites)
{
    QList<QByteArray> patterns;
    for (const QByteArray &site : sites) {
        if (site.isEmpty())
            continue;
        const QByteArray upper = site.toUpper();
        patterns.append(upper);
        const QByteArray reverse = reverseComplement(upper);
        if (reverse != upper)
            patterns.append(reverse);
    }
    return [patterns](QByteArrayView window) {
        const qsizetype size = window.size();
        for (const QByteArray &pattern : patterns) {
            const qsizetype m = pattern.size();
            // Sites whose last base is one of the window's last three.
            for (qsizetype end = std::max(m, size - 2); end <= size; ++end) {
                bool match = true;
                for (qsizetype q = 0; q < m && match; ++q) {
                    const quint8 text = nucleotideMask(window[end - m + q]);
                    match = text && !(text & ~nucleotideMask(pattern[q]));
                }
                if (match)
                    return true;
            }
        }
        return false;
    };
}

} // namespace benchtop::bio

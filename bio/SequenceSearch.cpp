#include "SequenceSearch.h"

#include "Sequence.h"
#include "Translation.h"

#include <algorithm>
#include <array>
#include <bitset>
#include <vector>

namespace benchtop::bio {
namespace {

// The set of amino acids a letter stands for (bit per letter, '*' its own), 0 if none.
quint32 aminoAcidSet(char letter)
{
    const auto bit = [](char c) {
        return quint32(1) << (c - 'A');
    };
    if (letter >= 'a' && letter <= 'z')
        letter = static_cast<char>(letter - 'a' + 'A');
    switch (letter) {
    case 'B':
        return bit('D') | bit('N');
    case 'Z':
        return bit('E') | bit('Q');
    case 'J':
        return bit('I') | bit('L');
    case 'X': {
        quint32 all = 0;
        for (const char c : QByteArrayView("ACDEFGHIKLMNPQRSTVWYUO"))
            all |= bit(c);
        return all;
    }
    case '*':
        return quint32(1) << 26;
    default:
        return letter >= 'A' && letter <= 'Z' ? bit(letter) : 0;
    }
}

// A pattern compiled for one alphabet: which text characters each position accepts.
class Matcher
{
public:
    template<typename SetOf>
    Matcher(QByteArrayView pattern, int maxMismatches, SetOf setOf)
        : m_length(pattern.size())
        , m_maxMismatches(std::clamp<qsizetype>(maxMismatches, 0, m_length))
    {
        std::array<quint32, 256> textSets{};
        for (int c = 0; c < 256; ++c)
            textSets[c] = setOf(static_cast<char>(c));
        m_accepts.resize(m_length);
        for (qsizetype q = 0; q < m_length; ++q) {
            const quint32 allowed = setOf(pattern[q]);
            if (!allowed)
                m_valid = false;
            for (int c = 0; c < 256; ++c) {
                const bool match = textSets[c] && !(textSets[c] & ~allowed);
                m_accepts[q][c] = match;
                if (match && m_length <= 64)
                    m_columns[c] |= quint64(1) << q;
            }
        }
    }

    bool valid() const { return m_valid && m_length > 0; }
    qsizetype length() const { return m_length; }

    // Calls onHit(start, mismatches) for every site in `text` within the mismatch limit.
    template<typename OnHit> void scan(QByteArrayView text, OnHit onHit) const
    {
        if (text.size() < m_length)
            return;
        if (m_length <= 64)
            scanBitParallel(text, onHit);
        else
            scanSiteBySite(text, onHit);
    }

private:
    template<typename OnHit> void scanBitParallel(QByteArrayView text, OnHit onHit) const
    {
        // rows[j] bit q: pattern[0..q] ends here with at most j mismatches.
        std::vector<quint64> rows(m_maxMismatches + 1, 0);
        const quint64 top = quint64(1) << (m_length - 1);
        const char *data = text.data();
        const qsizetype size = text.size();
        if (m_maxMismatches == 0) {
            quint64 row = 0;
            for (qsizetype i = 0; i < size; ++i) {
                row = ((row << 1) | 1) & m_columns[static_cast<unsigned char>(data[i])];
                if (row & top)
                    onHit(i + 1 - m_length, 0);
            }
            return;
        }
        for (qsizetype i = 0; i < size; ++i) {
            const quint64 column = m_columns[static_cast<unsigned char>(data[i])];
            quint64 previous = rows[0];
            rows[0] = ((previous << 1) | 1) & column;
            for (qsizetype j = 1; j <= m_maxMismatches; ++j) {
                const quint64 current = rows[j];
                rows[j] = (((current << 1) | 1) & column) | ((previous << 1) | 1);
                previous = current;
            }
            if (i + 1 >= m_length && (rows[m_maxMismatches] & top)) {
                int j = 0;
                while (!(rows[j] & top))
                    ++j;
                onHit(i + 1 - m_length, j);
            }
        }
    }

    template<typename OnHit> void scanSiteBySite(QByteArrayView text, OnHit onHit) const
    {
        for (qsizetype start = 0; start + m_length <= text.size(); ++start) {
            int mismatches = 0;
            for (qsizetype q = 0; q < m_length && mismatches <= m_maxMismatches; ++q)
                mismatches += !m_accepts[q][static_cast<unsigned char>(text[start + q])];
            if (mismatches <= m_maxMismatches)
                onHit(start, mismatches);
        }
    }

    qsizetype m_length;
    qsizetype m_maxMismatches;
    bool m_valid = true;
    std::array<quint64, 256> m_columns{};
    std::vector<std::bitset<256>> m_accepts;
};

// Scans a sequence, and on a circular one the junction, where every site crosses the origin.
template<typename OnHit>
void scanMaybeCircular(const Matcher &matcher, QByteArrayView text, bool circular, OnHit onHit)
{
    matcher.scan(text, onHit);
    const qsizetype overlap = matcher.length() - 1;
    if (!circular || overlap == 0 || matcher.length() > text.size())
        return;
    const QByteArray junction =
        text.sliced(text.size() - overlap).toByteArray() + text.first(overlap);
    const qint64 junctionStart = text.size() - overlap;
    matcher.scan(junction,
                 [&](qint64 start, int mismatches) { onHit(junctionStart + start, mismatches); });
}

void sortHits(QList<SearchHit> &hits)
{
    std::sort(hits.begin(), hits.end(), [](const SearchHit &a, const SearchHit &b) {
        if (a.start != b.start)
            return a.start < b.start;
        return a.strand == Strand::Forward && b.strand == Strand::Reverse;
    });
}

} // namespace

QList<SearchHit> findNucleotides(QByteArrayView sequence, QByteArrayView pattern,
                                 const NucleotideSearchOptions &options)
{
    QList<SearchHit> hits;
    const auto setOf = [](char c) {
        return quint32(nucleotideMask(c));
    };
    const Matcher forward(pattern, options.maxMismatches, setOf);
    if (!forward.valid() || (options.circular && pattern.size() > sequence.size()))
        return hits;
    const qint64 length = pattern.size();
    scanMaybeCircular(forward, sequence, options.circular, [&](qint64 start, int mismatches) {
        hits.append({start, start + length, Strand::Forward, mismatches});
    });
    const QByteArray reverse = reverseComplement(pattern);
    bool palindrome = true;
    for (qsizetype i = 0; i < pattern.size() && palindrome; ++i)
        palindrome = nucleotideMask(reverse[i]) == nucleotideMask(pattern[i]);
    if (options.bothStrands && !palindrome) {
        const Matcher backward(reverse, options.maxMismatches, setOf);
        scanMaybeCircular(backward, sequence, options.circular, [&](qint64 start, int mismatches) {
            hits.append({start, start + length, Strand::Reverse, mismatches});
        });
    }
    sortHits(hits);
    return hits;
}

QList<SearchHit> findProtein(QByteArrayView sequence, QByteArrayView peptide,
                             const ProteinSearchOptions &options)
{
    QList<SearchHit> hits;
    const Matcher matcher(peptide, options.maxMismatches, aminoAcidSet);
    const qint64 length = sequence.size();
    const qint64 siteLength = 3 * peptide.size();
    if (!matcher.valid() || siteLength > length)
        return hits;
    TranslationOptions translation;
    translation.code = options.code;
    // On a circular sequence the strand is read on past its end, far enough for one more site;
    // sites are kept where they start before the origin.
    const qint64 wrap = options.circular ? siteLength - 1 : 0;
    const auto searchStrand = [&](QByteArrayView strand, Strand which) {
        const QByteArray extended = wrap ? strand.toByteArray() + strand.first(wrap) : QByteArray();
        const QByteArrayView bases = wrap ? QByteArrayView(extended) : strand;
        for (qint64 frame = 0; frame < 3; ++frame) {
            const QByteArray protein =
                translate(bases.sliced(std::min(frame, bases.size())), translation);
            matcher.scan(protein, [&](qint64 residue, int mismatches) {
                const qint64 begin = frame + 3 * residue; // on this strand
                if (begin >= length)
                    return;
                SearchHit hit{begin, begin + siteLength, which, mismatches};
                if (which == Strand::Reverse) {
                    hit.start = length - begin - siteLength;
                    hit.end = length - begin;
                    if (hit.start < 0) {
                        hit.start += length;
                        hit.end += length;
                    }
                }
                hits.append(hit);
            });
        }
    };
    searchStrand(sequence, Strand::Forward);
    if (options.bothStrands)
        searchStrand(reverseComplement(sequence), Strand::Reverse);
    sortHits(hits);
    return hits;
}

} // namespace benchtop::bio

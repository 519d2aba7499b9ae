#include "bio/FeatureAnnotator.h"

#include "bio/Sequence.h"

#include <QHash>

#include <algorithm>
#include <array>
#include <vector>

using namespace Qt::StringLiterals;

namespace benchtop::bio {
namespace {

constexpr int kSeedBases = 12;  // features at least this long are found by their first 12
constexpr int kFilterBits = 16; // the seed pre-filter is a 64-kbit set: stays in L1 cache

constexpr std::array<quint8, 256> makeCodes()
{
    std::array<quint8, 256> table{};
    for (auto &c : table)
        c = 4;
    const char bases[] = "ACGT";
    for (int i = 0; i < 4; ++i) {
        table[static_cast<unsigned char>(bases[i])] = static_cast<quint8>(i);
        table[static_cast<unsigned char>(bases[i] + ('a' - 'A'))] = static_cast<quint8>(i);
    }
    return table;
}
constexpr auto kCodes = makeCodes();

// Keys combine the seed length with its 2-bit code so that one table serves every length.
quint32 seedKey(int length, quint32 code)
{
    return (quint32(length) << 24) | code;
}
quint32 filterSlot(quint32 key)
{
    return (key * 2654435761u) >> (32 - kFilterBits);
}

bool equalsUpper(const char *text, const QByteArray &upper)
{
    for (qsizetype k = 0; k < upper.size(); ++k)
        if ((text[k] & 0xDF) != upper[k]) // clears the lower-case bit of ASCII letters
            return false;
    return true;
}

bool fail(ParseError *error, qint64 line, const QString &message)
{
    if (error)
        *error = ParseError{line, message};
    return false;
}

// The value after `key=`: quoted (to the last quote of the line) or up to the next space.
QByteArrayView headerValue(QByteArrayView header, QByteArrayView key)
{
    const qsizetype at = header.indexOf(key);
    if (at < 0)
        return {};
    QByteArrayView rest = header.sliced(at + key.size());
    if (rest.startsWith('"')) {
        const qsizetype close = rest.lastIndexOf('"');
        return close > 0 ? rest.sliced(1, close - 1) : QByteArrayView();
    }
    const qsizetype space = rest.indexOf(' ');
    return space < 0 ? rest : rest.first(space);
}

bool finishRecord(LibraryFeature *feature, qint64 headerLine, qint64 declaredLength,
                  ParseError *error)
{
    if (feature->sequence.isEmpty())
        return fail(error, headerLine, u"feature "_s + feature->id + u" has no sequence"_s);
    if (declaredLength >= 0 && declaredLength != feature->sequence.size())
        return fail(error, headerLine,
                    u"feature "_s + feature->id + u" declares len="_s +
                        QString::number(declaredLength) + u" but has "_s +
                        QString::number(feature->sequence.size()) + u" bases"_s);
    return true;
}

} // namespace

std::optional<QList<LibraryFeature>> parseFeatureLibrary(QByteArrayView fasta, ParseError *error)
{
    QList<LibraryFeature> library;
    LibraryFeature current;
    qint64 headerLine = 0;
    qint64 declaredLength = -1;
    qint64 lineNumber = 0;
    qsizetype pos = 0;
    while (pos < fasta.size()) {
        qsizetype end = fasta.indexOf('\n', pos);
        if (end < 0)
            end = fasta.size();
        QByteArrayView line = fasta.sliced(pos, end - pos);
        pos = end + 1;
        ++lineNumber;
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.startsWith('>')) {
            if (headerLine > 0) {
                if (!finishRecord(&current, headerLine, declaredLength, error))
                    return std::nullopt;
                library.append(std::move(current));
            }
            current = {};
            headerLine = lineNumber;
            const QByteArrayView header = line.sliced(1).trimmed();
            const qsizetype space = header.indexOf(' ');
            current.id = QString::fromUtf8(space < 0 ? header : header.first(space));
            if (current.id.isEmpty()) {
                fail(error, lineNumber, u"FASTA header without an identifier"_s);
                return std::nullopt;
            }
            const QByteArrayView name = headerValue(header, "name=");
            current.name = name.isEmpty() ? current.id : QString::fromUtf8(name);
            QByteArrayView type = headerValue(header, "type=");
            if (const qsizetype paren = type.indexOf('('); paren >= 0)
                type = type.first(paren); // "promoter(SO:0000167)"
            current.type = type.isEmpty() ? u"region"_s : QString::fromUtf8(type);
            declaredLength = -1;
            if (const QByteArrayView len = headerValue(header, "len="); !len.isEmpty()) {
                bool ok = false;
                declaredLength = len.toLongLong(&ok);
                if (!ok || declaredLength < 0) {
                    fail(error, lineNumber, u"len= is not a number"_s);
                    return std::nullopt;
                }
            }
            continue;
        }
        const QByteArrayView bases = line.trimmed();
        if (bases.isEmpty())
            continue;
        if (headerLine == 0) {
            fail(error, lineNumber, u"sequence before the first '>' header"_s);
            return std::nullopt;
        }
        if (const auto bad = firstInvalid(bases, Alphabet::Dna)) {
            fail(error, lineNumber,
                 u"'"_s + QChar::fromLatin1(bases[*bad]) + u"' is not a DNA base (column "_s +
                     QString::number(*bad + 1) + u")"_s);
            return std::nullopt;
        }
        current.sequence.append(bases.toByteArray().toUpper());
    }
    if (headerLine > 0) {
        if (!finishRecord(&current, headerLine, declaredLength, error))
            return std::nullopt;
        library.append(std::move(current));
    }
    return library;
}

QString genbankFeatureKey(const QString &soType)
{
    static const QHash<QString, QString> keys = {
        {u"CDS"_s, u"CDS"_s},
        {u"gene"_s, u"gene"_s},
        {u"promoter"_s, u"promoter"_s},
        {u"terminator"_s, u"terminator"_s},
        {u"origin_of_replication"_s, u"rep_origin"_s},
        {u"oriT"_s, u"oriT"_s},
        {u"protein_binding_site"_s, u"protein_bind"_s},
        {u"primer_binding_site"_s, u"primer_bind"_s},
        {u"polyA_signal_sequence"_s, u"polyA_signal"_s},
        {u"polyA_site"_s, u"polyA_site"_s},
        {u"intron"_s, u"intron"_s},
        {u"exon"_s, u"exon"_s},
        {u"enhancer"_s, u"enhancer"_s},
        {u"long_terminal_repeat"_s, u"LTR"_s},
        {u"recombination_feature"_s, u"misc_recomb"_s},
        {u"Shine_Dalgarno_sequence"_s, u"RBS"_s},
        {u"five_prime_UTR"_s, u"5'UTR"_s},
        {u"three_prime_UTR"_s, u"3'UTR"_s},
        {u"tRNA"_s, u"tRNA"_s},
        {u"operon"_s, u"operon"_s},
        {u"TATA_box"_s, u"TATA_signal"_s},
        {u"regulatory_region"_s, u"regulatory"_s},
        {u"repeat_region"_s, u"repeat_region"_s},
        {u"mature_transcript"_s, u"misc_RNA"_s},
    };
    return keys.value(soType, u"misc_feature"_s);
}

struct FeatureAnnotator::Index
{
    struct Oriented
    {
        QByteArray sequence; // upper case, as it reads on the matched strand
        qint32 feature;
        Strand strand;
    };
    QList<LibraryFeature> library;
    std::vector<Oriented> oriented;
    std::vector<int> seedLengths;                   // ascending; 12 for all long features
    std::vector<std::pair<quint32, quint32>> seeds; // (key, oriented index), sorted by key
    std::vector<quint64> filter = std::vector<quint64>((1u << kFilterBits) / 64, 0);
    std::vector<quint32> unindexed; // sequences with other letters than ACGT
    qsizetype maxLength = 0;

    template<typename Emit> void scanText(const char *text, qint64 n, Emit &&emit) const;
};

template<typename Emit>
void FeatureAnnotator::Index::scanText(const char *text, qint64 n, Emit &&emit) const
{
    quint32 history = 0; // the last 16 bases, newest in the low bits
    int run = 0;         // how many of the last bases are A, C, G or T
    for (qint64 i = 0; i < n; ++i) {
        const quint8 code = kCodes[static_cast<unsigned char>(text[i])];
        if (code > 3) {
            run = 0;
            continue;
        }
        history = (history << 2) | code;
        ++run;
        for (const int length : seedLengths) {
            if (run < length)
                break;
            const quint32 key = seedKey(length, history & ((1u << (2 * length)) - 1));
            const quint32 slot = filterSlot(key);
            if (!(filter[slot >> 6] & (1ull << (slot & 63))))
                continue;
            const qint64 start = i - length + 1;
            auto it = std::lower_bound(seeds.begin(), seeds.end(), std::make_pair(key, 0u));
            for (; it != seeds.end() && it->first == key; ++it) {
                const Oriented &o = oriented[it->second];
                if (start + o.sequence.size() <= n && equalsUpper(text + start, o.sequence))
                    emit(it->second, start);
            }
        }
    }
    for (const quint32 index : unindexed) { // rare: libraries are normally plain ACGT
        const QByteArray &needle = oriented[index].sequence;
        for (qint64 s = 0; s + needle.size() <= n; ++s)
            if (equalsUpper(text + s, needle))
                emit(index, s);
    }
}

FeatureAnnotator::FeatureAnnotator(QList<LibraryFeature> library, const AnnotatorOptions &options)
{
    auto index = std::make_shared<Index>();
    index->library = std::move(library);
    for (qsizetype f = 0; f < index->library.size(); ++f) {
        const QByteArray forward = index->library[f].sequence.toUpper();
        if (forward.isEmpty() || forward.size() < options.minimumLength)
            continue;
        const QByteArray reverse = reverseComplement(forward);
        index->oriented.push_back({forward, qint32(f), Strand::Forward});
        if (reverse != forward)
            index->oriented.push_back({reverse, qint32(f), Strand::Reverse});
        index->maxLength = std::max(index->maxLength, forward.size());
    }
    for (quint32 o = 0; o < index->oriented.size(); ++o) {
        const QByteArray &s = index->oriented[o].sequence;
        const int length = int(std::min<qsizetype>(s.size(), kSeedBases));
        quint32 code = 0;
        bool plain = true;
        for (int k = 0; k < length; ++k) {
            plain = plain && kCodes[static_cast<unsigned char>(s[k])] < 4;
            code = (code << 2) | (kCodes[static_cast<unsigned char>(s[k])] & 3);
        }
        for (qsizetype k = length; k < s.size() && plain; ++k)
            plain = kCodes[static_cast<unsigned char>(s[k])] < 4;
        if (!plain) {
            index->unindexed.push_back(o);
            continue;
        }
        const quint32 key = seedKey(length, code);
        index->seeds.emplace_back(key, o);
        const quint32 slot = filterSlot(key);
        index->filter[slot >> 6] |= 1ull << (slot & 63);
        if (std::find(index->seedLengths.begin(), index->seedLengths.end(), length) ==
            index->seedLengths.end())
            index->seedLengths.push_back(length);
    }
    std::sort(index->seeds.begin(), index->seeds.end());
    std::sort(index->seedLengths.begin(), index->seedLengths.end());
    d = std::move(index);
}

FeatureAnnotator::~FeatureAnnotator() = default;
FeatureAnnotator::FeatureAnnotator(const FeatureAnnotator &) = default;
FeatureAnnotator &FeatureAnnotator::operator=(const FeatureAnnotator &) = default;

const QList<LibraryFeature> &FeatureAnnotator::library() const
{
    return d->library;
}

QList<FeatureHit> FeatureAnnotator::annotate(QByteArrayView sequence, Topology topology) const
{
    const qint64 n = sequence.size();
    struct Raw
    {
        qint64 start;
        quint32 oriented;
    };
    std::vector<Raw> raw;
    d->scanText(sequence.data(), n, [&](quint32 o, qint64 start) { raw.push_back({start, o}); });
    if (topology == Topology::Circular && n > 0) {
        // Hits across the origin: scan the end and the start joined, keep those over the join.
        const qint64 edge = std::min<qint64>(n, std::max<qsizetype>(0, d->maxLength - 1));
        QByteArray junction = sequence.sliced(n - edge).toByteArray();
        junction.append(sequence.first(edge));
        d->scanText(junction.constData(), junction.size(), [&](quint32 o, qint64 start) {
            const qint64 length = d->oriented[o].sequence.size();
            if (start < edge && start + length > edge && length <= n)
                raw.push_back({n - edge + start, o});
        });
    }
    std::sort(raw.begin(), raw.end(), [&](const Raw &a, const Raw &b) {
        const auto &oa = d->oriented[a.oriented];
        const auto &ob = d->oriented[b.oriented];
        if (a.start != b.start)
            return a.start < b.start;
        if (oa.sequence.size() != ob.sequence.size())
            return oa.sequence.size() > ob.sequence.size();
        if (oa.feature != ob.feature)
            return oa.feature < ob.feature;
        return oa.strand == Strand::Forward && ob.strand == Strand::Reverse;
    });
    QList<FeatureHit> hits;
    hits.reserve(qsizetype(raw.size()));
    for (const Raw &r : raw) {
        const auto &o = d->oriented[r.oriented];
        const LibraryFeature &feature = d->library[o.feature];
        hits.append({o.feature, feature.name, feature.type, r.start, r.start + o.sequence.size(),
                     o.strand});
    }
    return hits;
}

Feature toFeature(const FeatureHit &hit, qint64 sequenceLength)
{
    Feature feature;
    feature.type = genbankFeatureKey(hit.type);
    feature.qualifiers.append({u"label"_s, hit.name, true});
    Span span;
    span.strand = hit.strand;
    span.start = hit.start;
    span.end = std::min(hit.end, sequenceLength);
    feature.location.spans.append(span);
    if (hit.end > sequenceLength) {
        span.start = 0;
        span.end = hit.end - sequenceLength;
        feature.location.spans.append(span);
        feature.location.op = Location::Operator::Join;
    }
    return feature;
}

} // namespace benchtop::bio

// Feature auto-annotation: the GenoLIB library reader, known features of annotated plasmids found
// where their GenBank files put them, a brute-force reference, origin wrap, and a whole genome.
#include "bio/FeatureAnnotator.h"
#include "bio/Gzip.h"
#include "bio/Sequence.h"

#include "BioTestSupport.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>

using namespace benchtop::bio;
using namespace benchtop::test;
using namespace Qt::StringLiterals;

namespace {

const QList<LibraryFeature> &genolib()
{
    static const QList<LibraryFeature> library = [] {
        ParseError error;
        const auto parsed = parseFeatureLibrary(
            readFileOrAbort(testData(u"features/genolib_features.fasta")), &error);
        if (!parsed)
            qFatal("%s", qPrintable(error.toString()));
        return *parsed;
    }();
    return library;
}

// Just enough GenBank for these tests (the GenBank reader is tested elsewhere): with the ORIGIN
// bases of genbankOriginBases, each feature's /label with its location as 0-based start, end
// (past the length when it wraps the origin) and strand. Handles a..b, complement(a..b),
// join(a..n,1..b) and the non-standard wrap a..b with b < a.
struct Annotation
{
    QString label;
    qint64 start;
    qint64 end;
    Strand strand;
};

QList<Annotation> genbankAnnotations(const QByteArray &text, qint64 length)
{
    QList<Annotation> result;
    static const QRegularExpression keyLine(u"^     \\S+\\s+(\\S+)$"_s);
    static const QRegularExpression range(u"(\\d+)\\.\\.(\\d+)"_s);
    QString location;
    for (const QByteArray &raw : text.left(text.indexOf("\nORIGIN")).split('\n')) {
        const QString line = QString::fromLatin1(raw).remove(u'\r'); // CRLF files too
        if (const auto key = keyLine.match(line); key.hasMatch()) {
            location = key.captured(1);
        } else if (line.trimmed().startsWith(u"/label="_s) && !location.isEmpty()) {
            QList<std::pair<qint64, qint64>> spans;
            for (auto it = range.globalMatch(location); it.hasNext();) {
                const auto m = it.next();
                spans.append({m.captured(1).toLongLong() - 1, m.captured(2).toLongLong()});
            }
            if (spans.isEmpty())
                continue;
            qint64 start = spans.first().first;
            qint64 end = spans.last().second;
            if (spans.size() == 2 || end <= start) // across the origin
                end += length;
            result.append(
                {line.trimmed().mid(7), start, end,
                 location.startsWith(u"complement"_s) ? Strand::Reverse : Strand::Forward});
            location.clear();
        }
    }
    return result;
}

// Every occurrence of every feature, by QByteArray::indexOf on both strands.
QList<FeatureHit> bruteForce(const QList<LibraryFeature> &library, const QByteArray &sequence,
                             bool circular, qsizetype minimumLength)
{
    const qint64 n = sequence.size();
    qsizetype longest = 0;
    for (const LibraryFeature &feature : library)
        longest = std::max(longest, feature.sequence.size());
    // A circle as the sequence followed by its start: matches must begin in the sequence.
    const QByteArray text = circular ? sequence + sequence.left(longest - 1) : sequence;
    QList<FeatureHit> hits;
    for (qint32 f = 0; f < library.size(); ++f) {
        const QByteArray forward = library[f].sequence;
        if (forward.size() < minimumLength || forward.size() > n)
            continue;
        QList<std::pair<QByteArray, Strand>> readings{{forward, Strand::Forward}};
        if (reverseComplement(forward) != forward)
            readings.append({reverseComplement(forward), Strand::Reverse});
        for (const auto &[needle, strand] : readings)
            for (qsizetype at = text.indexOf(needle); at >= 0 && at < n;
                 at = text.indexOf(needle, at + 1))
                hits.append({f, library[f].name, library[f].type, at, at + needle.size(), strand});
    }
    std::sort(hits.begin(), hits.end(), [](const FeatureHit &a, const FeatureHit &b) {
        if (a.start != b.start)
            return a.start < b.start;
        if (a.end - a.start != b.end - b.start)
            return a.end - a.start > b.end - b.start;
        if (a.feature != b.feature)
            return a.feature < b.feature;
        return a.strand == Strand::Forward && b.strand == Strand::Reverse;
    });
    return hits;
}

} // namespace

class TestAnnotate : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsGenolib()
    {
        const QList<LibraryFeature> &library = genolib();
        QCOMPARE(library.size(), 1943);
        QCOMPARE(library[0].id, u"AmpR_promoter-009"_s);
        QCOMPARE(library[0].name, u"AmpR promoter-009"_s);
        QCOMPARE(library[0].type, u"promoter"_s);
        QCOMPARE(library[0].sequence.size(), 105);
        QVERIFY(library[0].sequence.startsWith("CGCGGAACCCCTATTTG"));
        const auto pElement = std::find_if(library.begin(), library.end(), [](const auto &f) {
            return f.id == u"P_element_3'_end"_s;
        });
        QVERIFY(pElement != library.end());
        QCOMPARE(pElement->name, u"P element 3' end"_s);
        QCOMPARE(pElement->type, u"region"_s);
        QCOMPARE(genbankFeatureKey(u"origin_of_replication"_s), u"rep_origin"_s);
        QCOMPARE(genbankFeatureKey(u"polyA_signal_sequence"_s), u"polyA_signal"_s);
        QCOMPARE(genbankFeatureKey(u"unknown"_s), u"misc_feature"_s);
    }

    void badLibraries_data()
    {
        QTest::addColumn<QByteArray>("fasta");
        QTest::addColumn<qint64>("line");
        QTest::addColumn<QString>("message");
        QTest::newRow("no header")
            << QByteArray("ACGT\n>a\nACGT\n") << qint64(1) << u"before the first '>'"_s;
        QTest::newRow("length") << QByteArray(">a len=4\nACGT\n>b len=5\nACGT\n") << qint64(3)
                                << u"declares len=5 but has 4 bases"_s;
        QTest::newRow("bad base") << QByteArray(">a\nACGT\nACJT\n") << qint64(3)
                                  << u"'J' is not a DNA base (column 3)"_s;
        QTest::newRow("empty record")
            << QByteArray(">a\n>b\nACGT\n") << qint64(1) << u"feature a has no sequence"_s;
        QTest::newRow("no id") << QByteArray(">a\nAC\n>  \nACGT\n") << qint64(3)
                               << u"without an identifier"_s;
        QTest::newRow("len not a number")
            << QByteArray(">a len=x4\nACGT\n") << qint64(1) << u"len= is not a number"_s;
    }

    void badLibraries()
    {
        QFETCH(QByteArray, fasta);
        QFETCH(qint64, line);
        QFETCH(QString, message);
        ParseError error;
        QVERIFY(!parseFeatureLibrary(fasta, &error));
        QCOMPARE(error.line, line);
        QVERIFY2(error.message.contains(message), qPrintable(error.message));
    }

    void knownFeatures_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("labels"); // annotations that are GenoLIB features
        QTest::newRow("pUC19") << u"pUC19_snapgene.gb"_s
                               << QStringList{u"CAP binding site"_s,
                                              u"lac promoter"_s,
                                              u"lac operator"_s,
                                              u"M13 rev"_s,
                                              u"lacZ-alpha"_s,
                                              u"MCS"_s,
                                              u"M13 fwd"_s,
                                              u"AmpR promoter"_s,
                                              u"AmpR"_s,
                                              u"ori"_s};
        QTest::newRow("pFA6a-kanMX6")
            << u"pFA6a-kanMX6_addgene39296.gbk"_s
            << QStringList{u"kanMX"_s,          u"TEF promoter"_s,  u"KanR"_s,
                           u"TEF terminator"_s, u"T7 promoter"_s,   u"ori"_s,
                           u"AmpR"_s,           u"AmpR promoter"_s, u"SP6 promoter"_s};
    }

    void knownFeatures()
    {
        // Each listed GenBank annotation is found at its place by a library feature of that
        // name (GenoLIB numbers its variants: "AmpR-013").
        QFETCH(QString, file);
        QFETCH(QStringList, labels);
        const QByteArray text = readFileOrAbort(testData(QString(u"plasmids/"_s + file)));
        const QByteArray sequence = genbankOriginBases(text);
        const QList<FeatureHit> hits =
            FeatureAnnotator(genolib()).annotate(sequence, Topology::Circular);
        QStringList found;
        for (const Annotation &a : genbankAnnotations(text, sequence.size())) {
            if (!labels.contains(a.label))
                continue;
            const bool hit = std::any_of(hits.begin(), hits.end(), [&](const FeatureHit &h) {
                return (h.name == a.label || h.name.startsWith(a.label + u'-')) &&
                       h.start == a.start && h.end == a.end && h.strand == a.strand;
            });
            QVERIFY2(hit, qPrintable(a.label + u" at "_s + QString::number(a.start)));
            found.append(a.label);
        }
        found.sort();
        labels.sort();
        QCOMPARE(found, labels);
    }

    void matchesBruteForce_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("circular");
        QTest::addColumn<int>("minimumLength");
        QTest::newRow("pUC19, all lengths") << u"plasmids/pUC19_snapgene.gb"_s << true << 0;
        QTest::newRow("pEGFP-N1") << u"plasmids/pEGFP-N1_U55762.gb"_s << true << 8;
        QTest::newRow("pBR322, all lengths") << u"plasmids/pBR322_J01749.gb"_s << true << 0;
        QTest::newRow("lambda, all lengths") << u"genomes/lambda_NC_001416.gb"_s << false << 0;
    }

    void matchesBruteForce()
    {
        QFETCH(QString, file);
        QFETCH(bool, circular);
        QFETCH(int, minimumLength);
        const QByteArray sequence = genbankFileBases(testData(file));
        const FeatureAnnotator annotator(genolib(), {minimumLength});
        const QList<FeatureHit> ours =
            annotator.annotate(sequence, circular ? Topology::Circular : Topology::Linear);
        const QList<FeatureHit> reference =
            bruteForce(genolib(), sequence, circular, minimumLength);
        QVERIFY(reference.size() > 10);
        QCOMPARE(ours.size(), reference.size());
        QCOMPARE(ours, reference);
    }

    void acrossTheOrigin()
    {
        // pUC19 turned so that its origin falls inside AmpR (1284..2144).
        const QByteArray pUC19 = genbankFileBases(testData(u"plasmids/pUC19_snapgene.gb"));
        const qint64 n = pUC19.size();
        const QByteArray rotated = pUC19.mid(1700) + pUC19.left(1700);
        const FeatureAnnotator annotator(genolib());
        auto ampR = [](const QList<FeatureHit> &hits) {
            QList<FeatureHit> result;
            for (const FeatureHit &h : hits)
                if (h.name == u"AmpR-013"_s)
                    result.append(h);
            return result;
        };
        const QList<FeatureHit> circle = ampR(annotator.annotate(rotated, Topology::Circular));
        QCOMPARE(circle.size(), 1);
        QCOMPARE(circle[0].start, 1283 - 1700 + n);
        QCOMPARE(circle[0].end, 1283 - 1700 + n + 861);
        QVERIFY(ampR(annotator.annotate(rotated, Topology::Linear)).isEmpty());
        QCOMPARE(annotator.annotate(rotated, Topology::Circular),
                 bruteForce(genolib(), rotated, true, 8));

        const Feature feature = toFeature(circle[0], n);
        QCOMPARE(feature.type, u"CDS"_s);
        QCOMPARE(feature.qualifier(u"label"_s), u"AmpR-013"_s);
        QCOMPARE(feature.location.op, Location::Operator::Join);
        QCOMPARE(feature.location.spans.size(), 2);
        QCOMPARE(feature.location.spans[0].start, 1283 - 1700 + n);
        QCOMPARE(feature.location.spans[0].end, n);
        QCOMPARE(feature.location.spans[1].start, 0);
        QCOMPARE(feature.location.spans[1].end, 1283 - 1700 + 861);
    }

    void caseAndAmbiguity()
    {
        const QByteArray pUC19 = genbankFileBases(testData(u"plasmids/pUC19_snapgene.gb"));
        const FeatureAnnotator annotator(genolib());
        const QList<FeatureHit> upper = annotator.annotate(pUC19, Topology::Circular);
        QCOMPARE(annotator.annotate(pUC19.toLower(), Topology::Circular), upper);
        // An N inside AmpR (1284..2144) loses AmpR and nothing else.
        QByteArray masked = pUC19;
        masked[1700] = 'N';
        QList<FeatureHit> expected;
        for (const FeatureHit &h : upper)
            if (h.start > 1700 || h.end <= 1700)
                expected.append(h);
        QVERIFY(expected.size() < upper.size());
        QCOMPARE(annotator.annotate(masked, Topology::Circular), expected);
        // The default minimum length leaves out GenoLIB's "ATG", "stop codon" and 1-base entries.
        for (const FeatureHit &h : upper)
            QVERIFY(h.end - h.start >= 8);
    }

    void wholeGenome()
    {
        QString error;
        const auto fasta = gunzip(
            readFileOrAbort(testData(u"genomes/Ecoli_MG1655_GCF_000005845.2_genomic.fna.gz")),
            &error);
        QVERIFY2(fasta, qPrintable(error));
        QByteArray genome = fasta->mid(fasta->indexOf('\n') + 1);
        genome.replace("\n", "");
        QCOMPARE(genome.size(), 4641652);
        const FeatureAnnotator annotator(genolib());
        QElapsedTimer timer;
        timer.start();
        const QList<FeatureHit> hits = annotator.annotate(genome, Topology::Circular);
        qInfo("annotated E. coli MG1655 (4.6 Mb) with %lld library features in %lld ms: %lld hits",
              static_cast<long long>(genolib().size()), static_cast<long long>(timer.elapsed()),
              static_cast<long long>(hits.size()));
        auto find = [&](const QString &prefix) {
            QList<FeatureHit> result;
            for (const FeatureHit &h : hits)
                if (h.name.startsWith(prefix))
                    result.append(h);
            return result;
        };
        // GenoLIB holds the genome's own lac operon and an argU tRNA; the RefSeq record has
        // lacI as complement(366428..367510), lacZ as complement(363231..366305) (GenoLIB's
        // lacZ-004 is its first 242 bases, so it ends where lacZ starts) and argU at
        // 564723..564799.
        const QList<FeatureHit> lacI = find(u"lacI-"_s);
        QCOMPARE(lacI.size(), 1);
        QCOMPARE(lacI[0].start, 366427);
        QCOMPARE(lacI[0].end, 367510);
        QCOMPARE(lacI[0].strand, Strand::Reverse);
        QCOMPARE(lacI[0].type, u"CDS"_s);
        const QList<FeatureHit> lacZ = find(u"lacZ-"_s);
        QCOMPARE(lacZ.size(), 1);
        QCOMPARE(lacZ[0].end, 366305);
        QCOMPARE(lacZ[0].strand, Strand::Reverse);
        const QList<FeatureHit> argU = find(u"argU"_s);
        QCOMPARE(argU.size(), 1);
        QCOMPARE(argU[0].start, 564722);
        QCOMPARE(argU[0].end, 564799);
        QCOMPARE(argU[0].strand, Strand::Forward);
        // Every hit, no more, no less, in the 300 kb around them (brute force on the whole
        // genome would take half a minute).
        const qint64 from = 300000;
        const QByteArray slice = genome.mid(from, 300000);
        QList<FeatureHit> inSlice;
        for (FeatureHit h : hits)
            if (h.start >= from && h.end <= from + slice.size()) {
                h.start -= from;
                h.end -= from;
                inSlice.append(h);
            }
        const QList<FeatureHit> reference =
            bruteForce(genolib(), slice, false, AnnotatorOptions().minimumLength);
        QCOMPARE(annotator.annotate(slice, Topology::Linear), reference);
        QCOMPARE(inSlice, reference);
    }
};

QTEST_GUILESS_MAIN(TestAnnotate)
#include "tst_bio_annotate.moc"

// ORF finder, against EMBOSS getorf (Debian package emboss) on plasmids, linear and circular.
#include "bio/OrfFinder.h"
#include "bio/Sequence.h"

#include "BioTestSupport.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace benchtop::bio;
using namespace benchtop::test;
using namespace Qt::StringLiterals;

namespace {

// An ORF as getorf prints it: the strand, where its body (the ORF less its stop codon) starts
// on the forward strand, and the protein - enough to tell ORFs apart, whatever the numbering.
struct OrfKey
{
    Strand strand;
    qint64 bodyStart;
    QByteArray protein;
    friend bool operator==(const OrfKey &, const OrfKey &) = default;
};
size_t qHash(const OrfKey &key, size_t seed = 0)
{
    return qHashMulti(seed, int(key.strand), key.bodyStart, key.protein);
}

OrfKey keyOf(const Orf &orf, qint64 length)
{
    const qint64 bodyStart =
        orf.strand == Strand::Reverse && orf.hasStop ? orf.start + 3 : orf.start;
    return {orf.strand, bodyStart % length, orf.protein};
}

} // namespace

class TestOrf : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matchesGetorf_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("embossTable");
        QTest::addColumn<int>("find");
        QTest::addColumn<bool>("circular");
        QTest::addColumn<int>("minimum");
        const QStringList files = {u"fasta/pUC19.fa"_s, u"fasta/pACYC184.fa"_s,
                                   u"fasta/pAdDeltaF6.fasta"_s};
        for (const QString &file : files) {
            // getorf table 0 is the standard code with ATG as the only start; 1 adds TTG and
            // CTG; 2 and 11 have five and seven starts. EMBOSS's table 13 lacks the TTG, ATA
            // and GTG starts that gc.prt 4.0 gave it, so it is not compared.
            for (const int table : {0, 1, 2, 11}) {
                for (const int find : {0, 1}) {
                    for (const bool circular : {false, true}) {
                        QTest::addRow("%s table %d find %d%s", qPrintable(file), table, find,
                                      circular ? " circular" : "")
                            << file << table << find << circular << 75;
                    }
                }
            }
        }
        QTest::newRow("short ORFs") << u"fasta/pUC19.fa"_s << 1 << 1 << true << 30;
        QTest::newRow("stop to stop, short") << u"fasta/pUC19.fa"_s << 1 << 0 << false << 30;
    }
    void matchesGetorf()
    {
        QFETCH(QString, file);
        QFETCH(int, embossTable);
        QFETCH(int, find);
        QFETCH(bool, circular);
        QFETCH(int, minimum);
        const QString path = testData(file);
        const QByteArray sequence = fastaFileBases(path);
        QVERIFY(sequence.size() > 2000);
        const qint64 length = sequence.size();

        QByteArray output;
        const QString error =
            runTool(u"getorf",
                    {u"-sequence"_s, path, u"-find"_s, QString::number(find), u"-table"_s,
                     QString::number(embossTable), u"-minsize"_s, QString::number(minimum),
                     u"-circular"_s, circular ? u"Y"_s : u"N"_s, u"-outseq"_s, u"stdout"_s},
                    &output);
        QVERIFY2(error.isEmpty(), qPrintable(error));

        // getorf: ">name_N [s - e] (REVERSE SENSE) ...", 1-based, the stop codon left out;
        // on the reverse strand s > e.
        static const QRegularExpression header(
            uR"(^>\S+ \[(-?\d+) - (-?\d+)\] (\(REVERSE SENSE\))?)"_s);
        QList<OrfKey> expected;
        for (const QByteArray &line : output.split('\n')) {
            if (line.startsWith('>')) {
                const auto match = header.match(QString::fromLatin1(line));
                QVERIFY2(match.hasMatch(), line.constData());
                const qint64 s = match.captured(1).toLongLong();
                const qint64 e = match.captured(2).toLongLong();
                const bool reverse = match.hasCaptured(3);
                const qint64 bodyStart = ((reverse ? e : s) - 1 + 2 * length) % length;
                expected.append({reverse ? Strand::Reverse : Strand::Forward, bodyStart, {}});
            } else if (!expected.isEmpty()) {
                expected.last().protein += line.trimmed();
            }
        }

        OrfOptions options;
        options.code = GeneticCode::byId(embossTable == 0 ? 1 : embossTable);
        options.start = find == 0          ? OrfStart::AnySenseCodon
                        : embossTable == 0 ? OrfStart::AtgOnly
                                           : OrfStart::TableStarts;
        options.minimumLength = minimum;
        options.circular = circular;
        const QList<Orf> orfs = findOrfs(sequence, options);
        QSet<OrfKey> ours;
        for (const Orf &orf : orfs) {
            QVERIFY(orf.start >= 0 && orf.start < length);
            QVERIFY(orf.end > orf.start);
            QVERIFY(circular || orf.end <= length);
            QCOMPARE(orf.protein.size() * 3, orf.length() - (orf.hasStop ? 3 : 0));
            ours.insert(keyOf(orf, length));
        }
        QCOMPARE(ours.size(), orfs.size());

        QSet<OrfKey> theirs;
        int nestedAtOrigin = 0;
        for (const OrfKey &key : std::as_const(expected)) {
            theirs.insert(key);
            if (ours.contains(key))
                continue;
            // getorf scans a circular sequence written out three times and starts each frame
            // afresh at base 1, so the part of an origin-crossing ORF after the origin also
            // comes out on its own, from its first start codon there. We report the ORF once,
            // from its true start before the origin: the extra must be a 3' part of one of ours
            // (its first residue is the start codon made M; ours reads it as an inner codon).
            bool isTail = false;
            for (const Orf &orf : orfs) {
                if (orf.end > length && orf.strand == key.strand &&
                    orf.protein.size() > key.protein.size() &&
                    orf.protein.endsWith(key.protein.mid(1)) && key.protein.startsWith('M'))
                    isTail = true;
            }
            QVERIFY2(circular && find == 1 && isTail,
                     qPrintable(u"getorf ORF not found: strand %1 at %2, %3"_s.arg(int(key.strand))
                                    .arg(key.bodyStart)
                                    .arg(QString::fromLatin1(key.protein))));
            ++nestedAtOrigin;
        }
        for (const OrfKey &key : std::as_const(ours)) {
            QVERIFY2(
                theirs.contains(key),
                qPrintable(u"ORF getorf does not report: strand %1 at %2, %3"_s.arg(int(key.strand))
                               .arg(key.bodyStart)
                               .arg(QString::fromLatin1(key.protein))));
        }
        QCOMPARE(expected.size(), ours.size() + nestedAtOrigin);
    }

    void linearOrfsAndEnds()
    {
        //                     0         1         2         3
        //                     0123456789012345678901234567890123456
        const QByteArray seq = "CCATGAAATTTATGGGGTAACCCATGCCCAAA";
        OrfOptions options;
        options.minimumLength = 0;
        options.bothStrands = false;
        QList<Orf> orfs = findOrfs(seq, options);
        // ATG at 2 runs to TAA at 17; the ATG at 11 inside it is not a second ORF. The ATG at
        // 23 runs into the end (incomplete).
        QCOMPARE(orfs.size(), 2);
        QCOMPARE(orfs[0].start, 2);
        QCOMPARE(orfs[0].end, 20);
        QVERIFY(orfs[0].hasStop);
        QCOMPARE(orfs[0].protein, QByteArray("MKFMG"));
        QCOMPARE(orfs[1].start, 23);
        QCOMPARE(orfs[1].end, 32);
        QVERIFY(!orfs[1].hasStop);
        QCOMPARE(orfs[1].protein, QByteArray("MPK"));
        options.includeIncomplete = false;
        QCOMPARE(findOrfs(seq, options).size(), 1);
        // The minimum length does not count the stop codon, and is inclusive.
        options.minimumLength = 15;
        QCOMPARE(findOrfs(seq, options).size(), 1);
        options.minimumLength = 16;
        QCOMPARE(findOrfs(seq, options).size(), 0);
        options.minimumLength = 0;
        options.maximumLength = 14;
        QCOMPARE(findOrfs(seq, options).size(), 0);
    }

    void stopToStopAndAlternativeStarts()
    {
        const QByteArray seq = "GGGTTGAAATAAGCC"; // frame 0: GGG TTG AAA TAA GCC
        OrfOptions options;
        options.minimumLength = 0;
        options.bothStrands = false;
        options.start = OrfStart::AnySenseCodon;
        QList<Orf> orfs = findOrfs(seq, options);
        QVERIFY(!orfs.isEmpty());
        QCOMPARE(orfs[0].start, 0);
        QCOMPARE(orfs[0].end, 12);
        QVERIFY(orfs[0].reaches5End);
        QCOMPARE(orfs[0].protein, QByteArray("GLK")); // no M: there is no start codon here
        options.start = OrfStart::TableStarts;
        options.code = GeneticCode::byId(11);
        orfs = findOrfs(seq, options);
        // TTG at 3 (frame 0) and ATA at 8 (frame 2, running into the end) start ORFs in 11.
        QCOMPARE(orfs.size(), 2);
        QCOMPARE(orfs[0].start, 3);
        QCOMPARE(orfs[0].protein, QByteArray("MK")); // TTG starts with M
        QCOMPARE(orfs[1].start, 8);
        QVERIFY(!orfs[1].hasStop);
        options.startAsMethionine = false;
        QCOMPARE(findOrfs(seq, options).value(0).protein, QByteArray("LK"));
        options.code = nullptr; // in the standard code ATA is no start
        QCOMPARE(findOrfs(seq, options).size(), 1);
        options.start = OrfStart::AtgOnly;
        QCOMPARE(findOrfs(seq, options).size(), 0);
    }

    void circularOrfCrossesTheOrigin()
    {
        // ATG at 9, AAA, then round the origin: AAA TAG. 15 bases, so frames stay apart.
        const QByteArray seq = "AAATAGCCCATGAAA";
        OrfOptions options;
        options.minimumLength = 0;
        options.circular = true;
        options.bothStrands = false;
        QList<Orf> orfs = findOrfs(seq, options);
        QCOMPARE(orfs.size(), 1);
        QCOMPARE(orfs[0].start, 9);
        QCOMPARE(orfs[0].end, 21);
        QCOMPARE(orfs[0].protein, QByteArray("MKK"));
        const Location location = orfs[0].location(seq.size());
        QCOMPARE(location.op, Location::Operator::Join);
        QCOMPARE(location.spans.size(), 2);
        QCOMPARE(location.spans[0].start, 9);
        QCOMPARE(location.spans[0].end, 15);
        QCOMPARE(location.spans[1].start, 0);
        QCOMPARE(location.spans[1].end, 6);
        // The same ORF on the reverse strand of the reverse complement.
        const QByteArray rc = reverseComplement(seq);
        options.bothStrands = true;
        orfs.clear();
        for (const Orf &orf : findOrfs(rc, options)) {
            if (orf.strand == Strand::Reverse)
                orfs.append(orf);
        }
        QCOMPARE(orfs.size(), 1);
        QCOMPARE(orfs[0].start, 9); // rc bases 9..14 and 0..5 read backwards
        QCOMPARE(orfs[0].end, 21);
        QCOMPARE(orfs[0].protein, QByteArray("MKK"));
        const Location reverse = orfs[0].location(rc.size());
        QCOMPARE(reverse.spans[0].start, 0); // the reverse strand reads 0..6 first
        QCOMPARE(reverse.spans[0].strand, Strand::Reverse);
        QCOMPARE(reverse.spans[1].start, 9);
        // Linear, the same sequence has only the incomplete ORF at its end.
        options.circular = false;
        options.bothStrands = false;
        orfs = findOrfs(seq, options);
        QCOMPARE(orfs.size(), 1);
        QVERIFY(!orfs[0].hasStop);
    }

    void circularFramesJoinWhenLengthIsNotAMultipleOfThree()
    {
        // 16 bases: reading on past the origin moves to the next frame.
        const QByteArray seq = "AAGTAGCCCATGAAAC";
        OrfOptions options;
        options.minimumLength = 0;
        options.circular = true;
        options.bothStrands = false;
        const QList<Orf> orfs = findOrfs(seq, options);
        QCOMPARE(orfs.size(), 1);
        // ATG AAA CAA GTA GCC CAT GAA ACA AGT AG... up to the first in-frame stop.
        QByteArray unrolled = seq + seq + seq + seq;
        const qint64 stop = [&] {
            for (qint64 i = 9;; i += 3) {
                const QByteArray codon = unrolled.mid(i, 3);
                if (codon == "TAA" || codon == "TAG" || codon == "TGA")
                    return i;
            }
        }();
        QCOMPARE(orfs[0].start, 9);
        QCOMPARE(orfs[0].end, stop + 3);
        QVERIFY(orfs[0].end > seq.size());
    }

    void stoplessCircle()
    {
        OrfOptions options;
        options.minimumLength = 0;
        options.circular = true;
        options.bothStrands = false;
        const QList<Orf> orfs = findOrfs("ATGAAC", options); // ATG AAC ATG AAC ... for ever
        QCOMPARE(orfs.size(), 1);
        QCOMPARE(orfs[0].start, 0);
        QCOMPARE(orfs[0].end, 6);
        QVERIFY(!orfs[0].hasStop);
        QCOMPARE(orfs[0].protein, QByteArray("MN"));
    }

    void degenerateInputs()
    {
        QVERIFY(findOrfs("").isEmpty());
        QVERIFY(findOrfs("AT").isEmpty());
        OrfOptions options;
        options.minimumLength = 0;
        options.circular = true;
        QVERIFY(findOrfs("NNNNNNNNN", options).isEmpty()); // no start codons
        options.start = OrfStart::AnySenseCodon;
        // Nine bases: three separate stopless circles (frames) per strand.
        QCOMPARE(findOrfs("NNNNNNNNN", options).size(), 6);
        QCOMPARE(findOrfs("NNNNNNNN", options).size(), 2); // eight: the frames join in one
        options.circular = false;
        options.start = OrfStart::AtgOnly;
        // TAR is a stop whatever R is; ATN is not a start.
        QCOMPARE(findOrfs("ATGCCCTARGGG", options).value(0).end, 9);
        QVERIFY(findOrfs("ATNCCCTAAGGG", options).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestOrf)
#include "tst_bio_orf.moc"

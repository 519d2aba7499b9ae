// Sequence search, against Biopython's nt_search and translations (python3-biopython) and a
// brute-force reference written here.
#include "bio/Sequence.h"
#include "bio/SequenceSearch.h"
#include "bio/Translation.h"

#include "BioTestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace benchtop::bio;
using namespace benchtop::test;
using namespace Qt::StringLiterals;

namespace {

// The IUPAC sets, written out again so the reference does not share the code under test.
int iupacSet(char c)
{
    static const QByteArrayView codes = "ACMGRSVTWYHKDBN";
    const qsizetype i = codes.indexOf(QChar::toUpper(c) == u'U' ? 'T' : char(QChar::toUpper(c)));
    return i < 0 ? 0 : int(i) + 1; // ACMGRSVTWYHKDBN is 1..15 in A=1 C=2 G=4 T=8 order
}

QByteArray reverseComplementOf(QByteArrayView pattern)
{
    return reverseComplement(pattern);
}

// Every site, by definition: each base of the pattern must cover the sequence's base.
QList<SearchHit> bruteForce(const QByteArray &sequence, const QByteArray &pattern, int k,
                            bool circular)
{
    QList<SearchHit> hits;
    const qint64 length = sequence.size(), m = pattern.size();
    if (m == 0 || m > length)
        return hits;
    const QByteArray text = circular ? sequence + sequence.left(m - 1) : sequence;
    const QByteArray reverse = reverseComplementOf(pattern);
    bool palindrome = true;
    for (qint64 i = 0; i < m; ++i)
        palindrome = palindrome && iupacSet(reverse[i]) == iupacSet(pattern[i]);
    for (const Strand strand : {Strand::Forward, Strand::Reverse}) {
        if (strand == Strand::Reverse && palindrome)
            continue;
        const QByteArray &p = strand == Strand::Forward ? pattern : reverse;
        for (qint64 s = 0; s < (circular ? length : length - m + 1); ++s) {
            int mismatches = 0;
            for (qint64 q = 0; q < m; ++q) {
                const int t = iupacSet(text[s + q]), allowed = iupacSet(p[q]);
                mismatches += !(t && !(t & ~allowed));
            }
            if (mismatches <= k)
                hits.append({s, s + m, strand, mismatches});
        }
    }
    std::sort(hits.begin(), hits.end(), [](const SearchHit &a, const SearchHit &b) {
        return a.start != b.start ? a.start < b.start : int(a.strand) > int(b.strand);
    });
    return hits;
}

QByteArray describe(const QList<SearchHit> &hits)
{
    QByteArray text;
    for (const SearchHit &hit : hits)
        text += QByteArray::number(hit.start) + (hit.strand == Strand::Forward ? "+" : "-") + "/" +
                QByteArray::number(hit.mismatches) + " ";
    return text;
}

} // namespace

class TestSearch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matchesBiopython()
    {
        const QByteArray sequence = fastaFileBases(testData(u"fasta/pUC19.fa")) +
                                    fastaFileBases(testData(u"fasta/pACYC184.fa"));
        QVERIFY(sequence.size() > 6000);
        const QStringList nucleotides = {u"GAATTC"_s, u"GGTCTC"_s,     u"GCNGC"_s,  u"RGATCY"_s,
                                         u"CCWGG"_s,  u"ATG"_s,        u"TTGACA"_s, u"GANTC"_s,
                                         u"NNNN"_s,   u"GCCNNNNNGGC"_s};
        // bla (AmpR) of pUC19, the reverse-strand tet protein of pACYC184, and short words.
        const QStringList peptides = {u"MSIQHFRVALIPFFAAFCLPVFA"_s, u"MKSNNALIVILGTVTLDAVG"_s,
                                      u"GG"_s, u"W*"_s, u"MK"_s};
        QTemporaryDir dir;
        const QString input = dir.filePath(u"in.json"_s);
        QVERIFY(writeFile(
            input,
            QJsonDocument(QJsonObject{{u"sequence"_s, QString::fromLatin1(sequence)},
                                      {u"nucleotide"_s, QJsonArray::fromStringList(nucleotides)},
                                      {u"protein"_s, QJsonArray::fromStringList(peptides)}})
                .toJson(QJsonDocument::Compact)));
        QJsonDocument document;
        const QString error = runPythonOracle(u"search.py", {input}, &document);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QJsonObject expected = document.object();

        for (const QString &pattern : nucleotides) {
            const QJsonObject sites = expected[u"nucleotide"][pattern].toObject();
            QList<qint64> forward, reverse;
            for (const QJsonValue &v : sites[u"forward"].toArray())
                forward.append(v.toInteger());
            for (const QJsonValue &v : sites[u"reverse"].toArray())
                reverse.append(v.toInteger());
            // nt_search finds a palindrome's sites for both the pattern and its reverse
            // complement; we report each once, on the forward strand.
            const bool palindrome = forward == reverse;
            if (palindrome)
                reverse.clear();
            QList<qint64> ourForward, ourReverse;
            for (const SearchHit &hit : findNucleotides(sequence, pattern.toLatin1())) {
                QCOMPARE(hit.end - hit.start, pattern.size());
                QCOMPARE(hit.mismatches, 0);
                (hit.strand == Strand::Forward ? ourForward : ourReverse).append(hit.start);
            }
            QCOMPARE(ourForward, forward);
            QCOMPARE(ourReverse, reverse);
            QVERIFY2(!forward.isEmpty(), qPrintable(pattern)); // each pattern is in there
        }
        for (const QString &peptide : peptides) {
            QList<std::tuple<qint64, qint64, int>> theirs, ours;
            for (const QJsonValue &v : expected[u"protein"][peptide].toArray()) {
                const QJsonArray site = v.toArray();
                theirs.append({site[0].toInteger(), site[1].toInteger(), site[2].toInt()});
            }
            for (const SearchHit &hit : findProtein(sequence, peptide.toLatin1()))
                ours.append({hit.start, hit.end, int(hit.strand)});
            std::sort(ours.begin(), ours.end());
            QCOMPARE(ours, theirs);
            QVERIFY2(!theirs.isEmpty(), qPrintable(peptide));
        }
    }

    void matchesBruteForce_data()
    {
        QTest::addColumn<QByteArray>("alphabet");
        QTest::addColumn<int>("patternLength");
        QTest::addColumn<int>("mismatches");
        QTest::addColumn<bool>("circular");
        for (const int length : {1, 4, 9, 20, 64, 65, 90}) {
            for (const int k : {0, 1, 3}) {
                for (const bool circular : {false, true}) {
                    QTest::addRow("plain m=%d k=%d%s", length, k, circular ? " circular" : "")
                        << QByteArray("ACGT") << length << k << circular;
                }
            }
        }
        QTest::newRow("ambiguous text and pattern") << QByteArray("ACGTACGTRYN") << 8 << 1 << true;
        QTest::newRow("ambiguous, long") << QByteArray("ACGTACGTRYNacgt") << 70 << 2 << false;
    }
    void matchesBruteForce()
    {
        QFETCH(QByteArray, alphabet);
        QFETCH(int, patternLength);
        QFETCH(int, mismatches);
        QFETCH(bool, circular);
        QRandomGenerator random(uint(patternLength * 31 + mismatches * 7 + circular));
        const QByteArray sequence = randomSequence(random, 5000, alphabet);
        // Patterns taken from the sequence (so there are sites), mutated, with IUPAC codes.
        for (int trial = 0; trial < 8; ++trial) {
            const qsizetype at = random.bounded(int(sequence.size() - patternLength));
            QByteArray pattern = sequence.mid(at, patternLength);
            if (trial % 2)
                pattern = reverseComplement(pattern);
            for (int i = 0; i < trial % 4; ++i)
                pattern[random.bounded(patternLength)] = "ACGTRYSWN"[random.bounded(9)];
            if (trial == 7) // a site across the origin
                pattern =
                    QByteArray(sequence.right(patternLength / 2) + sequence.left(patternLength))
                        .left(patternLength);
            NucleotideSearchOptions options;
            options.maxMismatches = mismatches;
            options.circular = circular;
            const QList<SearchHit> ours = findNucleotides(sequence, pattern, options);
            const QList<SearchHit> reference = bruteForce(sequence, pattern, mismatches, circular);
            QVERIFY2(ours == reference, qPrintable(u"pattern %1\nours %2\nreference %3"_s.arg(
                                            QString::fromLatin1(pattern),
                                            QString::fromLatin1(describe(ours).left(400)),
                                            QString::fromLatin1(describe(reference).left(400)))));
            if (trial == 0)
                QVERIFY(!ours.isEmpty());
        }
    }

    void ambiguitySemantics()
    {
        // Pattern N matches anything; a sequence N is matched only by a pattern N.
        QCOMPARE(findNucleotides("ACGTN", "N", {0, false, false}).size(), 5);
        QCOMPARE(findNucleotides("ACGTN", "A", {0, false, false}).size(), 1);
        QCOMPARE(findNucleotides("AAGNAA", "AGC", {0, false, false}).size(), 0);
        QCOMPARE(findNucleotides("AAGNAA", "AGN", {0, false, false}).value(0).start, 1);
        // R covers A, G and R, not Y or N.
        QCOMPARE(findNucleotides("AGRYN", "R", {0, false, false}).size(), 3);
        // A sequence N counts as a mismatch against a plain base.
        const auto hits = findNucleotides("GAANTC", "GAATTC", {1, false, false});
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits[0].mismatches, 1);
        // Case and U are ignored.
        QCOMPARE(findNucleotides("gaauuc", "GAATTC").size(), 1);
    }

    void bothStrandsAndTheOrigin()
    {
        //                      0         1
        //                      0123456789012345
        const QByteArray seq = "ATTCAAGGTCTCAAGA";
        // BsaI GGTCTC forward at 6; its reverse complement GAGACC is not here.
        auto hits = findNucleotides(seq, "GGTCTC");
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits[0], (SearchHit{6, 12, Strand::Forward, 0}));
        hits = findNucleotides(seq, "GAGACC"); // found on the reverse strand, same place
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits[0], (SearchHit{6, 12, Strand::Reverse, 0}));
        // EcoRI across the origin: GA at the end, ATTC at the start.
        QVERIFY(findNucleotides(seq, "GAATTC").isEmpty());
        NucleotideSearchOptions circular;
        circular.circular = true;
        hits = findNucleotides(seq, "GAATTC", circular);
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits[0], (SearchHit{14, 20, Strand::Forward, 0}));
        // A pattern as long as the sequence matches at its own rotation; longer finds nothing.
        QCOMPARE(
            findNucleotides(seq, QByteArray(seq.mid(3) + seq.left(3)), circular).value(0).start, 3);
        QVERIFY(findNucleotides(seq, QByteArray(seq + "A"), circular).isEmpty());
    }

    void proteinSearchMapsToBases()
    {
        // ATG AAA TGG TAA on the forward strand from 2; the reverse strand codes MKW too.
        const QByteArray forward = "CCATGAAATGGTAACC";
        auto hits = findProtein(forward, "MKW");
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits[0], (SearchHit{2, 11, Strand::Forward, 0}));
        const QByteArray reverse = reverseComplement(forward);
        hits = findProtein(reverse, "MKW*");
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits[0], (SearchHit{2, 14, Strand::Reverse, 0}));
        ProteinSearchOptions options;
        options.bothStrands = false;
        QVERIFY(findProtein(reverse, "MKW", options).isEmpty());
        // Ambiguity letters and mismatches.
        QCOMPARE(findProtein(forward, "MXW").size(), 1);
        QCOMPARE(findProtein(forward, "MKX*").size(), 1);
        QCOMPARE(findProtein(forward, "MKXX").size(), 0); // X is no stop
        options.maxMismatches = 1;
        QCOMPARE(findProtein(forward, "MRW", options).value(0).mismatches, 1);
        // Across the origin: ATG AAA | TGG.
        const QByteArray circularSeq = "TGGTTTTTTATGAAA";
        options.circular = true;
        options.maxMismatches = 0;
        hits = findProtein(circularSeq, "MKW", options);
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits[0], (SearchHit{9, 18, Strand::Forward, 0}));
        options.bothStrands = true;
        hits = findProtein(reverseComplement(circularSeq), "MKW", options);
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits[0], (SearchHit{12, 21, Strand::Reverse, 0}));
        // B matches D or N; a translated X (from NNN) only pattern X.
        QCOMPARE(findProtein("GATAAT", "BB").size(), 1);
        QCOMPARE(findProtein("NNNAAA", "XK").size(), 1);
        QCOMPARE(findProtein("NNNAAA", "AK").size(), 0);
    }

    void proteinMatchesTranslationBruteForce()
    {
        QRandomGenerator random(99);
        const QByteArray sequence = randomSequence(random, 3001, "ACGT");
        const auto frames =
            translateFrames(sequence, FrameSet::All, {}, ReverseFrames::FromSequenceEnd);
        for (int trial = 0; trial < 6; ++trial) {
            const FrameTranslation &frame = frames[trial];
            QByteArray peptide = frame.protein.mid(200 + 37 * trial, 6 + trial);
            peptide[1] = 'X';
            ProteinSearchOptions options;
            options.maxMismatches = trial % 3;
            const auto hits = findProtein(sequence, peptide, options);
            QList<SearchHit> reference;
            for (const FrameTranslation &f : frames) {
                for (qint64 r = 0; r + peptide.size() <= f.protein.size(); ++r) {
                    int mismatches = 0;
                    for (qint64 q = 0; q < peptide.size(); ++q)
                        mismatches += !(peptide[q] == 'X' ? f.protein[r + q] != '*'
                                                          : f.protein[r + q] == peptide[q]);
                    if (mismatches > options.maxMismatches)
                        continue;
                    const auto first = f.codonSpan(r, sequence.size());
                    const auto last = f.codonSpan(r + peptide.size() - 1, sequence.size());
                    reference.append({std::min(first.first, last.first),
                                      std::max(first.second, last.second),
                                      f.frame > 0 ? Strand::Forward : Strand::Reverse, mismatches});
                }
            }
            std::sort(
                reference.begin(), reference.end(), [](const SearchHit &a, const SearchHit &b) {
                    return a.start != b.start ? a.start < b.start : int(a.strand) > int(b.strand);
                });
            QCOMPARE(hits, reference);
            QVERIFY(!hits.isEmpty());
        }
    }

    void badPatterns()
    {
        QVERIFY(findNucleotides("ACGT", "").isEmpty());
        QVERIFY(findNucleotides("ACGT", "AC-").isEmpty());
        QVERIFY(findNucleotides("ACGT", "A C").isEmpty());
        QVERIFY(findNucleotides("", "ACGT").isEmpty());
        QVERIFY(findProtein("ATGAAA", "M1").isEmpty());
        QVERIFY(findProtein("ATGAAA", "").isEmpty());
        QVERIFY(findProtein("ATG", "MK").isEmpty());
        // More mismatches than bases: every site matches.
        QCOMPARE(findNucleotides("ACGTACGT", "TTT", {9, false, false}).size(), 6);
    }

    void scansAGenomeSizedSequenceLinearly()
    {
        // 2 Mb with a planted site every 100 kb; the count is exact, and bit-parallel and
        // site-by-site scans agree on a long pattern.
        QRandomGenerator random(5);
        QByteArray sequence = randomSequence(random, 2'000'000, "ACGT");
        const QByteArray site =
            "ACGTTGCAAGGCTTAACCGGTTAAGCTAGCTAGGATCCATGCATGCAAGGCTTAGCTAGGATCGATCCGATCGTAGCTAGG";
        for (qsizetype at = 50'000; at < sequence.size(); at += 100'000)
            sequence.replace(at, site.size(), site);
        NucleotideSearchOptions options;
        options.maxMismatches = 2;
        options.bothStrands = false;
        const auto shortHits = findNucleotides(sequence, site.left(40), options);
        const auto longHits = findNucleotides(sequence, site, options);
        QCOMPARE(shortHits.size(), 20);
        QCOMPARE(longHits.size(), 20);
        for (qsizetype i = 0; i < 20; ++i) {
            QCOMPARE(shortHits[i].start, 50'000 + 100'000 * i);
            QCOMPARE(longHits[i].start, shortHits[i].start);
        }
    }
};

QTEST_GUILESS_MAIN(TestSearch)
#include "tst_bio_search.moc"

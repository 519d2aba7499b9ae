#include "bio/Sequence.h"

#include <QTest>

using namespace benchtop::bio;

class TestSequence : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void reverseComplement_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("empty") << QByteArray() << QByteArray();
        QTest::newRow("plain") << QByteArray("ATGC") << QByteArray("GCAT");
        QTest::newRow("case kept") << QByteArray("aTGc") << QByteArray("gCAt");
        QTest::newRow("iupac") << QByteArray("RYKMBVDHSWN") << QByteArray("NWSDHBVKMRY");
        QTest::newRow("gap") << QByteArray("AC-GT") << QByteArray("AC-GT");
        QTest::newRow("EcoRI palindrome") << QByteArray("GAATTC") << QByteArray("GAATTC");
    }
    void reverseComplement()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        QCOMPARE(benchtop::bio::reverseComplement(input), expected);
        QCOMPARE(benchtop::bio::reverseComplement(expected), input);
    }

    void rnaComplementUsesUracil()
    {
        QCOMPARE(benchtop::bio::reverseComplement("AUGC", Alphabet::Rna), QByteArray("GCAU"));
        QCOMPARE(complement('a', Alphabet::Rna), 'u');
    }

    void validation()
    {
        QCOMPARE(firstInvalid("ACGTNRYacgt", Alphabet::Dna), std::nullopt);
        QCOMPARE(firstInvalid("ACGU", Alphabet::Dna), std::optional<qsizetype>(3));
        QCOMPARE(firstInvalid("ACGT", Alphabet::Rna), std::optional<qsizetype>(3));
        QCOMPARE(firstInvalid("ACG X", Alphabet::Dna), std::optional<qsizetype>(3));
        QCOMPARE(firstInvalid("MKV*", Alphabet::Protein), std::nullopt);
        QCOMPARE(firstInvalid("MK1V", Alphabet::Protein), std::optional<qsizetype>(2));
    }
};

QTEST_GUILESS_MAIN(TestSequence)
#include "tst_bio_sequence.moc"

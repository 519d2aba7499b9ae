#include "SelectionInfo.h"

#include "bio/Thermo.h"

#include <QCoreApplication>
#include <QLocale>

namespace benchtop::models {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("SelectionInfo", text);
}
} // namespace

QString selectionInfo(const QByteArray &sequence, bio::MoleculeKind kind, qint64 start, qint64 end,
                      bool circular)
{
    const QLocale locale;
    const bool protein = kind == bio::MoleculeKind::Protein;
    const QString unit = protein ? tr("aa") : tr("bp");
    if (end <= start)
        return tr("Position %1 of %2 %3")
            .arg(locale.toString(start + 1), locale.toString(qint64(sequence.size())), unit);
    const QByteArrayView bases = QByteArrayView(sequence).sliced(start, end - start);
    QStringList parts;
    parts << tr("%1–%2").arg(locale.toString(start + 1), locale.toString(end))
          << tr("%1 %2").arg(locale.toString(end - start), unit);
    if (!protein) {
        if (bases.size() <= kMaxTmLength)
            if (const auto tm = bio::meltingTemperature(bases))
                parts << tr("Tm %1 °C").arg(*tm, 0, 'f', 1);
        parts << tr("GC %1 %").arg(100.0 * bio::gcFraction(bases), 0, 'f', 1);
    }
    const bool whole = start == 0 && end == sequence.size();
    if (const auto mw = bio::molecularWeight(bases, kind, false, circular && whole)) {
        if (*mw >= 10'000)
            parts << tr("MW %1 kDa").arg(*mw / 1000.0, 0, 'f', 2);
        else
            parts << tr("MW %1 Da").arg(*mw, 0, 'f', 1);
    }
    return parts.join(QStringLiteral(" · "));
}

} // namespace benchtop::models

// Internal to the SnapGene reader: the XML packets (features, primers, notes) into a Record.
#pragma once

#include "bio/Record.h"

#include <QByteArrayView>
#include <QString>

#include <optional>

namespace benchtop::bio::snapgene {

enum class XmlPacket { Features, Primers, Notes };

// Adds what the packet holds to record, whose sequence is `length` long (-1: not read yet, so
// ranges cannot be checked). Returns what is wrong, or nullopt.
std::optional<QString> readXmlPacket(XmlPacket packet, QByteArrayView xml, qint64 length,
                                     Record &record);

} // namespace benchtop::bio::snapgene

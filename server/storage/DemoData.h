#pragma once

#include <QString>

namespace benchtop::server {

class Database;
class Resources;

// The lab a first start opens on: a demo user, location schemas, and two freezers with shelves
// and racks plus a cold room. Runs only when there are no locations yet, in one transaction;
// the demo user is made if missing.
// Returns false if seeding failed (nothing is left half-written).
bool seedDemoDataIfEmpty(Database &db);

// What each part of the API adds to the demo lab (defined beside its routes); each returns false
// if it failed. `creatorId` is the demo user.
bool seedSequenceDemo(Resources &resources, const QString &creatorId);
bool seedInventoryDemo(Resources &resources, const QString &creatorId);
bool seedNotebookDemo(Resources &resources, const QString &creatorId);

// The handle of the user that demo data and the embedded server's session key belong to.
inline constexpr char16_t kDemoUserHandle[] = u"demo";

} // namespace benchtop::server

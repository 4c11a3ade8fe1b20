/* SQLite 3, as Debian's libsqlite3-dev installs it (ml.read_sql). */
#include <sqlite3.h>

/** People's calendars (kals): storage and rules. */
package com.ceki.calendars;
